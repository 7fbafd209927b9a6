package org.cerise.dispatch.vhost.internal;

import java.util.Map;

import org.cerise.api.Request;
import org.cerise.api.dispatch.Route;
import org.cerise.api.dispatch.Router;

/**
 * CherryPy's {@code vhost_dispatch}: the Host (or X-Forwarded-Host) header, exactly as sent
 * (port included, case kept), picks a prefix that {@code httputil.urljoin} puts before the
 * path; the next router routes the result. Unknown hosts go to the next router unchanged.
 */
final class VhostRouter implements Router {

    private final Router next;
    private final boolean useXForwardedHost;
    private final Map<String, String> domains;

    VhostRouter(Router next, boolean useXForwardedHost, Map<String, String> domains) {
        this.next = next;
        this.useXForwardedHost = useXForwardedHost;
        this.domains = domains;
    }

    @Override
    public Route route(String pathInfo, Request request) {
        if (request != null && !domains.isEmpty()) {
            String domain = useXForwardedHost ? request.header("X-Forwarded-Host") : null;
            if (domain == null) {
                domain = request.header("Host");
            }
            String prefix = domain == null ? null : domains.get(domain);
            if (prefix != null) {
                return next.route(join(prefix, pathInfo), request);
            }
        }
        return next.route(pathInfo, request);
    }

    /**
     * CherryPy's {@code httputil.urljoin(prefix, path)}: the non-empty parts joined by
     * {@code /}, every {@code //} collapsed, {@code "/"} for nothing.
     */
    static String join(String prefix, String path) {
        String url = path.isEmpty() ? prefix : prefix + "/" + path;
        if (url.contains("//")) {
            StringBuilder sb = new StringBuilder(url.length());
            for (int i = 0; i < url.length(); i++) {
                char c = url.charAt(i);
                if (c != '/' || sb.length() == 0 || sb.charAt(sb.length() - 1) != '/') {
                    sb.append(c);
                }
            }
            url = sb.toString();
        }
        return url.isEmpty() ? "/" : url;
    }
}
