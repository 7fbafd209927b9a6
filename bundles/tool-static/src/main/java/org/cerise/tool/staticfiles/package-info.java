/**
 * Serving files from handlers, as CherryPy's {@code cherrypy.lib.static}:
 * {@link org.cerise.tool.staticfiles.Static#serveFile serveFile},
 * {@link org.cerise.tool.staticfiles.Static#serveFileobj serveFileobj} and
 * {@link org.cerise.tool.staticfiles.Static#serveDownload serveDownload} set the status, the
 * headers (Last-Modified, Content-Type, Content-Disposition, Accept-Ranges, Content-Range) and the
 * body of the current response, answering conditional and range requests as CherryPy 18.8 does;
 * the handler returns what they return.
 */
@Version("1.0.0")
@Export
package org.cerise.tool.staticfiles;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
