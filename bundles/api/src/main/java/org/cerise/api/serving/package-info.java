/**
 * The binding of the request being served to its thread, like {@code cherrypy.serving}.
 * Apps use {@link org.cerise.api.Cerise}'s accessors; the core binds and clears.
 */
@Version("1.0.0")
@Export
package org.cerise.api.serving;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
