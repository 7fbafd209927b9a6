/**
 * Cerise's application API: what an app author writes against.
 *
 * <p>An app is a plain object whose exposed methods ({@link org.cerise.api.Expose}) answer
 * URLs, registered as an OSGi service that carries {@link org.cerise.api.CeriseApp}'s
 * properties. Handler parameters are bound from the URL's leftover path segments and from the
 * query-string and form parameters ({@link org.cerise.api.Param}); the current
 * {@link org.cerise.api.Request}, {@link org.cerise.api.Response} and
 * {@link org.cerise.api.Session} are reachable both as handler arguments and through
 * {@link org.cerise.api.Cerise}'s thread-local accessors, the way {@code cherrypy.request}
 * is. Errors and redirects are exceptions: {@link org.cerise.api.HttpError},
 * {@link org.cerise.api.NotFound}, {@link org.cerise.api.HttpRedirect} and
 * {@link org.cerise.api.InternalRedirect}.
 */
@Version("1.4.0")
@Export
package org.cerise.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
