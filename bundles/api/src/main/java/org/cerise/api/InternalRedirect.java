package org.cerise.api;

/**
 * Serves another URL of the same app instead, without telling the client, like
 * {@code cherrypy.InternalRedirect}.
 *
 * <p>Processing starts again at the new path as a {@code GET} with an empty body; the new
 * request's {@link Request#previous()} is the old one. A path that does not start with
 * {@code /} is resolved against the current path. Redirecting to a URL already visited in the
 * same chain is a loop and fails the request with a 500.
 */
public class InternalRedirect extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String queryString;

    /**
     * Redirects to a path.
     *
     * @param path the new path, below the app's mount point when it starts with {@code /}
     */
    public InternalRedirect(String path) {
        this(path, "");
    }

    /**
     * Redirects to a path with a query string.
     *
     * @param path        the new path
     * @param queryString the new query string without {@code ?}, may be empty
     */
    public InternalRedirect(String path, String queryString) {
        super("internal redirect to " + path + (queryString == null || queryString.isEmpty() ? "" : "?" + queryString));
        int q = path.indexOf('?');
        if (q >= 0 && (queryString == null || queryString.isEmpty())) {
            this.path = path.substring(0, q);
            this.queryString = path.substring(q + 1);
        } else {
            this.path = path;
            this.queryString = queryString == null ? "" : queryString;
        }
    }

    /** @return the new path */
    public String path() {
        return path;
    }

    /** @return the new query string, {@code ""} if none */
    public String queryString() {
        return queryString;
    }
}
