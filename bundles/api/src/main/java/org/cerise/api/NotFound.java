package org.cerise.api;

/**
 * 404 Not Found with CherryPy's message {@code The path '/x' was not found.}, where the path
 * is the request's mount point and path (or the one given).
 */
public class NotFound extends HttpError {

    private static final long serialVersionUID = 1L;

    private final String path;

    /** Not found: the current request's path. */
    public NotFound() {
        this(null);
    }

    /**
     * Not found: the given path.
     *
     * @param path the path to name in the message, {@code null} for the current request's
     */
    public NotFound(String path) {
        super(404, null, null);
        this.path = path;
    }

    /**
     * @return the path given at construction, or {@code null} when the message names the
     *         request's own path
     */
    public String path() {
        return path;
    }
}
