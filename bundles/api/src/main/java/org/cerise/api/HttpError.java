package org.cerise.api;

/**
 * Answers the request with an HTTP error status and an error page, like
 * {@code cherrypy.HTTPError}.
 *
 * <pre>
 * throw new HttpError(403);
 * throw new HttpError(403, "You are not allowed to access this resource.");
 * throw new HttpError("418 I'm a teapot", "Short and stout.");
 * </pre>
 *
 * <p>The pipeline turns it into a response: the status line, {@code Content-Type:
 * text/html;charset=utf-8}, and the error page (CherryPy's template, or the app's
 * {@code error_page.<code>} / {@code error_page.default}) with the message and, when
 * {@code request.show_tracebacks} is on, the stack trace. Headers that described the
 * abandoned content ({@code ETag}, {@code Last-Modified}, {@code Content-Encoding}, ...) are
 * dropped; cookies and {@code Allow} are kept. Raising it from a hook works the same way.
 */
public class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;
    private final String errorMessage;

    /**
     * An error with the standard reason phrase and message.
     *
     * @param code a status from 400 to 599
     * @throws IllegalArgumentException if the status is outside 400-599
     */
    public HttpError(int code) {
        this(code, null, null);
    }

    /**
     * An error with a message for the error page.
     *
     * @param code    a status from 400 to 599
     * @param message the page's message, {@code null} for the standard one
     * @throws IllegalArgumentException if the status is outside 400-599
     */
    public HttpError(int code, String message) {
        this(code, null, message);
    }

    /**
     * An error from a status line such as {@code "418 I'm a teapot"}; the text after the code
     * becomes the reason phrase.
     *
     * @param status  the code, optionally followed by a space and a reason phrase
     * @param message the page's message, {@code null} for the standard one
     * @throws IllegalArgumentException if the code is not a number from 400 to 599
     */
    public HttpError(String status, String message) {
        this(parseCode(status), parseReason(status), message);
    }

    /**
     * An error with an explicit reason phrase.
     *
     * @param code    a status from 400 to 599
     * @param reason  the reason phrase, {@code null} for the standard one
     * @param message the page's message, {@code null} for the standard one
     * @throws IllegalArgumentException if the status is outside 400-599
     */
    public HttpError(int code, String reason, String message) {
        super(code + " " + (reason == null ? HttpStatus.reason(code) : reason)
                + (message == null ? "" : ": " + message));
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("status must be between 400 and 599, not " + code);
        }
        this.code = code;
        this.reason = reason == null ? HttpStatus.reason(code) : reason;
        this.errorMessage = message;
    }

    private static int parseCode(String status) {
        String code = status.strip();
        int space = code.indexOf(' ');
        if (space >= 0) {
            code = code.substring(0, space);
        }
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Illegal response status from server ('" + code + "' is non-numeric).", e);
        }
    }

    private static String parseReason(String status) {
        String s = status.strip();
        int space = s.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String reason = s.substring(space + 1).strip();
        return reason.isEmpty() ? null : reason;
    }

    /** @return the status code */
    public int code() {
        return code;
    }

    /** @return the reason phrase */
    public String reason() {
        return reason;
    }

    /** @return the message for the error page, or {@code null} for the status's standard message */
    public String errorMessage() {
        return errorMessage;
    }
}
