package org.cerise.core.internal.http;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

import org.cerise.api.HttpError;
import org.cerise.api.HttpStatus;
import org.cerise.api.NotFound;
import org.cerise.core.internal.config.Scope;

/**
 * Builds error responses as CherryPy's {@code HTTPError.set_response()} does: drops the
 * headers that described the abandoned content, renders the error page (CherryPy's template
 * or the app's {@code error_page.<code>} / {@code error_page.default} template, with
 * {@code %(status)s}, {@code %(message)s}, {@code %(traceback)s} and {@code %(version)s}), and
 * pads short pages so that old browsers show them instead of their own.
 */
public final class ErrorPages {

    /** The product version shown on error pages. */
    public static final String VERSION = versionOf();

    // The markup of CherryPy 18's error page (_cperror._HTTPErrorTemplate), with Cerise in the footer.
    private static final String TEMPLATE = "<!DOCTYPE html PUBLIC\n"
            + "\"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n"
            + "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
            + "<html>\n"
            + "<head>\n"
            + "    <meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></meta>\n"
            + "    <title>%(status)s</title>\n"
            + "    <style type=\"text/css\">\n"
            + "    #powered_by {\n"
            + "        margin-top: 20px;\n"
            + "        border-top: 2px solid black;\n"
            + "        font-style: italic;\n"
            + "    }\n"
            + "\n"
            + "    #traceback {\n"
            + "        color: red;\n"
            + "    }\n"
            + "    </style>\n"
            + "</head>\n"
            + "    <body>\n"
            + "        <h2>%(status)s</h2>\n"
            + "        <p>%(message)s</p>\n"
            + "        <pre id=\"traceback\">%(traceback)s</pre>\n"
            + "    <div id=\"powered_by\">\n"
            + "      <span>\n"
            + "        Powered by Cerise %(version)s\n"
            + "      </span>\n"
            + "    </div>\n"
            + "    </body>\n"
            + "</html>\n";

    // Headers that described the content the error replaces (_cperror.clean_headers).
    private static final String[] CLEANED = {"Accept-Ranges", "Age", "ETag", "Location", "Retry-After", "Vary",
        "Content-Encoding", "Content-Length", "Expires", "Content-Location", "Content-MD5", "Last-Modified"};

    private ErrorPages() {
    }

    private static String versionOf() {
        String v = ErrorPages.class.getPackage() == null ? null : ErrorPages.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    /**
     * Turns the response into the error page for an {@link HttpError}.
     *
     * @param request   the request (for the {@link NotFound} path and the scope)
     * @param error     the error
     * @param cause     the exception whose stack trace to show, or {@code null}
     * @param templates reads an {@code error_page} template location; throws an unchecked exception if it cannot
     * @param fallback  the scope whose settings apply before dispatch chose one (the app root's)
     */
    public static void apply(CoreRequest request, HttpError error, Throwable cause,
            Function<String, String> templates, Scope fallback) {
        CoreResponse response = request.coreResponse();
        int code = error.code();
        cleanHeaders(response, code);
        response.setStatus(code, error.reason());
        Scope scope = request.scope() != null ? request.scope() : fallback;
        boolean tracebacks = scope == null || scope.showTracebacks;
        String message = error.errorMessage();
        if (error instanceof NotFound && message == null) {
            String path = ((NotFound) error).path();
            message = "The path '" + (path != null ? path : request.scriptName() + request.pathInfo())
                    + "' was not found.";
        }
        String traceback = tracebacks && cause != null ? traceback(cause) : null;
        byte[] page = page(code, error.reason(), message, traceback, scope == null ? Map.of() : scope.errorPages,
                templates);
        response.setHeader("Content-Type", "text/html;charset=utf-8");
        response.setBody(pad(code, page));
        response.setHeader("Content-Length", String.valueOf(((byte[]) response.body()).length));
    }

    /**
     * Removes the headers that do not apply to an error response.
     *
     * @param response the response
     * @param code     the error status
     */
    public static void cleanHeaders(CoreResponse response, int code) {
        for (String h : CLEANED) {
            response.removeHeader(h);
        }
        if (code != 416) {
            response.removeHeader("Content-Range");
        }
    }

    /**
     * Renders an error page.
     *
     * @param code      the status
     * @param reason    the reason phrase
     * @param message   the message, {@code null} for the status's standard one
     * @param traceback the stack trace text, or {@code null}
     * @param pages     the scope's {@code error_page} settings
     * @param templates reads a template location
     * @return the page bytes (UTF-8)
     */
    public static byte[] page(int code, String reason, String message, String traceback, Map<String, String> pages,
            Function<String, String> templates) {
        String status = code + " " + reason;
        String msg = escape(message == null ? HttpStatus.message(code) : message);
        String tb = traceback == null ? "" : escape(traceback);
        String template = TEMPLATE;
        String custom = pages.get(String.valueOf(code));
        if (custom == null) {
            custom = pages.get("default");
        }
        if (custom != null) {
            try {
                String loaded = templates.apply(custom);
                // A custom template must format before it replaces ours; CherryPy formats it outside
                // its try block, so a bad key there ends in a bare 500 instead of this note.
                format(loaded, escape(status), msg, tb);
                template = loaded;
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null && e instanceof java.io.UncheckedIOException ? e.getCause() : e;
                // CherryPy inserts the exception's text unescaped; it can quote a path or template text
                msg = (msg.isEmpty() ? "" : msg + "<br />") + "In addition, the custom error page failed:\n<br />"
                        + escape(cause.toString());
            }
        }
        return format(template, escape(status), msg, tb).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Python's {@code template % kwargs} for the four keys of an error page. Only
     * {@code %(key)s} and {@code %%} are supported, not Python's flags, widths or other
     * conversions ({@code %(status)r}, {@code %(message)20s}).
     *
     * @throws IllegalArgumentException for another key or conversion, as Python's KeyError/ValueError
     */
    static String format(String template, String status, String message, String traceback) {
        StringBuilder out = new StringBuilder(template.length() + message.length() + traceback.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '%') {
                out.append('%');
                i += 2;
                continue;
            }
            int close = template.indexOf(")s", i);
            if (i + 1 >= template.length() || template.charAt(i + 1) != '(' || close < 0) {
                throw new IllegalArgumentException("unsupported format character in error page template at index " + i);
            }
            String key = template.substring(i + 2, close);
            switch (key) {
                case "status":
                    out.append(status);
                    break;
                case "message":
                    out.append(message);
                    break;
                case "traceback":
                    out.append(traceback);
                    break;
                case "version":
                    out.append(VERSION);
                    break;
                default:
                    throw new IllegalArgumentException("KeyError: '" + key + "' in error page template");
            }
            i = close + 2;
        }
        return out.toString();
    }

    /** Minimum sizes below which some browsers replace an error page with their own (_ie_friendly_error_sizes). */
    static byte[] pad(int code, byte[] page) {
        int min;
        switch (code) {
            case 400: case 404: case 406: case 408: case 409: case 500: case 501: case 505:
                min = 513;
                break;
            case 403: case 405: case 410:
                min = 257;
                break;
            default:
                return page;
        }
        if (page.length == 0 || page.length >= min) {
            return page;
        }
        byte[] padded = java.util.Arrays.copyOf(page, min);
        java.util.Arrays.fill(padded, page.length, min, (byte) ' ');
        return padded;
    }

    /**
     * HTML-escapes {@code &}, {@code <} and {@code >} (Python's {@code html.escape(s, quote=False)}).
     *
     * @param s text
     * @return escaped text
     */
    public static String escape(String s) {
        if (s.indexOf('&') < 0 && s.indexOf('<') < 0 && s.indexOf('>') < 0) {
            return s;
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * @param t an exception
     * @return its stack trace as text
     */
    public static String traceback(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /**
     * The last-resort answer when error handling itself failed (CherryPy's {@code bare_error}):
     * {@code 500}, {@code text/plain}, "Unrecoverable error in the server." and, when tracebacks
     * are shown, the stack trace.
     *
     * @param response  the response to overwrite
     * @param cause     what failed
     * @param traceback whether to include the stack trace
     */
    public static void bareError(CoreResponse response, Throwable cause, boolean traceback) {
        response.reset();
        response.removeHeader("Content-Type");
        response.setStatus(500);
        String body = "Unrecoverable error in the server.\n" + (traceback ? traceback(cause) : "");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setHeader("Content-Type", "text/plain");
        response.setHeader("Content-Length", String.valueOf(bytes.length));
        response.setBody(bytes);
    }

    /** Reads an error page template from a file; for {@link #page}'s template reader. */
    static String readFile(String location) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(location), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
