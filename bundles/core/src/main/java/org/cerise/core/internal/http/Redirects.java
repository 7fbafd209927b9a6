package org.cerise.core.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.cerise.api.Cerise;
import org.cerise.api.HttpRedirect;

/**
 * Builds redirect responses as CherryPy's {@code HTTPRedirect.set_response()} does.
 */
public final class Redirects {

    private static final String[] NOT_MODIFIED_DROPPED = {"Allow", "Content-Encoding", "Content-Language",
        "Content-Length", "Content-Location", "Content-MD5", "Content-Range", "Content-Type", "Expires",
        "Last-Modified"};

    private Redirects() {
    }

    /**
     * @param request  the request (its URL is the base of relative targets)
     * @param redirect the redirect
     */
    public static void apply(CoreRequest request, HttpRedirect redirect) {
        CoreResponse response = request.coreResponse();
        String current = Cerise.url();
        List<String> urls = new ArrayList<>();
        for (String u : redirect.urls()) {
            urls.add(UrlJoin.join(current, u));
        }
        int status = redirect.status() != 0 ? redirect.status() : request.isHttp11() ? 303 : 302;
        response.setStatus(status);
        switch (status) {
            case 300: case 301: case 302: case 303: case 307: case 308: {
                response.setHeader("Content-Type", "text/html;charset=utf-8");
                response.setHeader("Location", urls.get(0));
                String note;
                switch (status) {
                    case 300: note = "This resource can be found at "; break;
                    case 301: note = "This resource has permanently moved to "; break;
                    case 302: note = "This resource resides temporarily at "; break;
                    case 303: note = "This resource can be found at "; break;
                    case 307: note = "This resource has moved temporarily to "; break;
                    default: note = "This resource has been moved to "; break;
                }
                List<String> lines = new ArrayList<>();
                for (String u : urls) {
                    lines.add(note + "<a href=" + quoteAttr(u) + ">" + ErrorPages.escape(u) + "</a>.");
                }
                response.setBody(String.join("<br />\n", lines).getBytes(StandardCharsets.UTF_8));
                response.removeHeader("Content-Length");
                break;
            }
            case 304:
                for (String h : NOT_MODIFIED_DROPPED) {
                    response.removeHeader(h);
                }
                response.setBody(null);
                break;
            case 305:
                response.setHeader("Location", urls.get(0));
                response.setBody(null);
                response.removeHeader("Content-Length");
                break;
            default:
                throw new IllegalArgumentException("The " + status + " status code is unknown.");
        }
    }

    /** Python's {@code xml.sax.saxutils.quoteattr}. */
    static String quoteAttr(String s) {
        String v = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
        if (v.indexOf('"') >= 0) {
            if (v.indexOf('\'') >= 0) {
                return "\"" + v.replace("\"", "&quot;") + "\"";
            }
            return "'" + v + "'";
        }
        return "\"" + v + "\"";
    }
}
