/**
 * CherryPy's engine (the {@code cherrypy.engine} bus) on the OSGi life cycle: the container's
 * engine publishes {@code start}, {@code stop}, {@code graceful}, {@code exit}, {@code main},
 * {@code log}, {@code before_request} and {@code after_request} to subscribers, which are
 * {@link org.cerise.api.engine.EnginePlugin} whiteboard services (see
 * {@link org.cerise.api.engine.CeriseEnginePlugin}) or callbacks given to
 * {@link org.cerise.api.engine.Engine#subscribe}.
 */
@Version("1.0.0")
@Export
package org.cerise.api.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
