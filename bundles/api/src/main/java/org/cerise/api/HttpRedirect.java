package org.cerise.api;

import java.util.List;
import java.util.Objects;

/**
 * Redirects the client, like {@code cherrypy.HTTPRedirect}.
 *
 * <pre>
 * throw new HttpRedirect("other");                 // 303 (302 for HTTP/1.0) to ./other
 * throw new HttpRedirect("/abs/path", 307);
 * throw new HttpRedirect(List.of("path1", "path2?a=1&amp;b=2"), 301);
 * </pre>
 *
 * <p>Each URL is resolved against the current request's URL into an absolute URL; the first
 * one becomes {@code Location}. Without an explicit status the redirect is 303 See Other for
 * HTTP/1.1 clients and 302 Found for HTTP/1.0 ones. For 300, 301, 302, 303, 307 and 308 the
 * body is CherryPy's short HTML note linking every URL; 304 sends no body and drops entity
 * headers; 305 sends only {@code Location}.
 */
public class HttpRedirect extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> urls;
    private final int status;

    /**
     * CherryPy's {@code HTTPRedirect([], 304)}: answers 304 Not Modified, without a body and
     * without the entity headers.
     *
     * @return the exception to throw
     */
    public static HttpRedirect notModified() {
        return new HttpRedirect(List.of(), 304);
    }

    /**
     * A redirect with the protocol's default status.
     *
     * @param url the target, absolute or relative to the current URL
     */
    public HttpRedirect(String url) {
        this(List.of(url), 0);
    }

    /**
     * A redirect with an explicit status.
     *
     * @param url    the target, absolute or relative to the current URL
     * @param status one of 300-305, 307, 308
     * @throws IllegalArgumentException if the status is not a redirect status CherryPy supports
     */
    public HttpRedirect(String url, int status) {
        this(List.of(url), status);
    }

    /**
     * A redirect to several URLs (a 300 Multiple Choices lists them all), or, with an empty
     * list and status 304, CherryPy's {@code HTTPRedirect([], 304)}: Not Modified.
     *
     * @param urls   the targets; the first becomes {@code Location}
     * @param status one of 300-305, 307, 308, or 0 for the protocol's default
     * @throws IllegalArgumentException if the list is empty (except for 304) or the status unsupported
     */
    public HttpRedirect(List<String> urls, int status) {
        super(status == 304 ? "not modified" : "redirect to " + urls);
        if (urls.isEmpty() && status != 304) {
            throw new IllegalArgumentException("a redirect needs at least one URL");
        }
        if (status != 0 && (status < 300 || status > 399)) {
            throw new IllegalArgumentException("status must be between 300 and 399, not " + status);
        }
        if (status == 306 || status > 308) {
            throw new IllegalArgumentException("The " + status + " status code is unknown.");
        }
        this.urls = List.copyOf(urls);
        this.urls.forEach(Objects::requireNonNull);
        this.status = status;
    }

    /** @return the target URLs as given (the pipeline resolves them against the request URL) */
    public List<String> urls() {
        return urls;
    }

    /** @return the explicit status, or 0 for "303, or 302 for HTTP/1.0 clients" */
    public int status() {
        return status;
    }
}
