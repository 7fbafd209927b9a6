package org.cerise.core.internal.pipeline;

import java.io.IOException;

import org.cerise.api.HttpStatus;
import org.cerise.core.internal.http.ErrorPages;
import org.cerise.core.internal.http.PathDecoder;
import org.cerise.core.internal.mount.MountTable;
import org.cerise.core.internal.mount.MountedApp;
import org.cerise.core.internal.mount.Mounter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletMultipart;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one servlet through which every Cerise request enters, registered with the Servlet
 * Whiteboard at {@code /*} (more specific whiteboard servlets, such as the Web Console's,
 * keep their paths). It finds the app by longest mount point in the current mount table and
 * hands the request to the {@link Pipeline}; a path outside every mount answers a bare 404 as
 * CherryPy's tree does. A path of an app that left moments ago (its bundle being updated or
 * replaced) is held for the app's next generation ({@link MountTable#await}); if it does not
 * come back in time the answer is 503 with {@code Retry-After}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/*")
@HttpWhiteboardServletName("cerise")
@HttpWhiteboardServletMultipart(enabled = true)
public final class FrontServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Reference
    private transient Mounter mounter;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = PathDecoder.decode(request.getRequestURI());
        MountTable table = mounter.table();
        MountedApp app = table.find(path);
        boolean held = false;
        if (table.anyReturning()) {
            MountTable.Returning back = table.returning(path, app);
            if (back != null) {
                // The app left moments ago (its bundle is being updated or replaced): hold the
                // request for its next generation rather than answer 404 in the gap.
                held = true;
                try {
                    app = table.await(path, back, mounter::table);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    app = null;
                }
                table = mounter.table();
            }
        }
        if (app == null) {
            boolean waiting = table.unavailable(path) != null;
            if (waiting || held) {
                // The app is there but out of service (a tool it needs is missing, or its
                // config is wrong), or it is coming back but late: say so, and that it may
                // come back, rather than "not found".
                unavailable(response, waiting ? "5" : "1");
                return;
            }
            // CherryPy's tree answers a bare 404: no page, the (empty) body chunked.
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.flushBuffer();
            return;
        }
        Pipeline.serve(request, response, app, path.substring(app.mountPath().length()));
    }

    private static void unavailable(HttpServletResponse response, String retryAfter) throws IOException {
        byte[] page = ErrorPages.page(503, HttpStatus.reason(503), null, null, java.util.Map.of(), t -> t);
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", retryAfter);
        response.setContentType("text/html;charset=utf-8");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }
}
