package org.cerise.api;

/**
 * HTTP status codes with the reason phrases and error-page messages CherryPy 18 uses
 * ({@code cherrypy.lib.httputil.response_codes}, which follows Python's
 * {@code http.HTTPStatus}).
 */
public final class HttpStatus {

    private static final String[] REASONS = new String[600];
    private static final String[] MESSAGES = new String[600];

    static {
        put(100, "Continue", "Request received, please continue");
        put(101, "Switching Protocols", "Switching to new protocol; obey Upgrade header");
        put(102, "Processing", "");
        put(103, "Early Hints", "");
        put(200, "OK", "Request fulfilled, document follows");
        put(201, "Created", "Document created, URL follows");
        put(202, "Accepted", "Request accepted, processing continues off-line");
        put(203, "Non-Authoritative Information", "Request fulfilled from cache");
        put(204, "No Content", "Request fulfilled, nothing follows");
        put(205, "Reset Content", "Clear input form for further input");
        put(206, "Partial Content", "Partial content follows");
        put(207, "Multi-Status", "");
        put(208, "Already Reported", "");
        put(226, "IM Used", "");
        put(300, "Multiple Choices", "Object has several resources -- see URI list");
        put(301, "Moved Permanently", "Object moved permanently -- see URI list");
        put(302, "Found", "Object moved temporarily -- see URI list");
        put(303, "See Other", "Object moved -- see Method and URL list");
        put(304, "Not Modified", "Document has not changed since given time");
        put(305, "Use Proxy", "You must use proxy specified in Location to access this resource");
        put(307, "Temporary Redirect", "Object moved temporarily -- see URI list");
        put(308, "Permanent Redirect", "Object moved permanently -- see URI list");
        put(400, "Bad Request", "Bad request syntax or unsupported method");
        put(401, "Unauthorized", "No permission -- see authorization schemes");
        put(402, "Payment Required", "No payment -- see charging schemes");
        put(403, "Forbidden", "Request forbidden -- authorization will not help");
        put(404, "Not Found", "Nothing matches the given URI");
        put(405, "Method Not Allowed", "Specified method is invalid for this resource");
        put(406, "Not Acceptable", "URI not available in preferred format");
        put(407, "Proxy Authentication Required", "You must authenticate with this proxy before proceeding");
        put(408, "Request Timeout", "Request timed out; try again later");
        put(409, "Conflict", "Request conflict");
        put(410, "Gone", "URI no longer exists and has been permanently removed");
        put(411, "Length Required", "Client must specify Content-Length");
        put(412, "Precondition Failed", "Precondition in headers is false");
        put(413, "Request Entity Too Large", "Entity is too large");
        put(414, "Request-URI Too Long", "URI is too long");
        put(415, "Unsupported Media Type", "Entity body in unsupported format");
        put(416, "Requested Range Not Satisfiable", "Cannot satisfy request range");
        put(417, "Expectation Failed", "Expect condition could not be satisfied");
        put(418, "I'm a Teapot", "Server refuses to brew coffee because it is a teapot.");
        put(421, "Misdirected Request", "Server is not able to produce a response");
        put(422, "Unprocessable Entity", "");
        put(423, "Locked", "");
        put(424, "Failed Dependency", "");
        put(425, "Too Early", "");
        put(426, "Upgrade Required", "");
        put(428, "Precondition Required", "The origin server requires the request to be conditional");
        put(429, "Too Many Requests", "The user has sent too many requests in a given amount of time (\"rate limiting\")");
        put(431, "Request Header Fields Too Large", "The server is unwilling to process the request because its header fields are too large");
        put(451, "Unavailable For Legal Reasons", "The server is denying access to the resource as a consequence of a legal demand");
        put(500, "Internal Server Error", "The server encountered an unexpected condition which prevented it from fulfilling the request.");
        put(501, "Not Implemented", "Server does not support this operation");
        put(502, "Bad Gateway", "Invalid responses from another server/proxy");
        put(503, "Service Unavailable", "The server is currently unable to handle the request due to a temporary overloading or maintenance of the server.");
        put(504, "Gateway Timeout", "The gateway server did not receive a timely response");
        put(505, "HTTP Version Not Supported", "Cannot fulfill request");
        put(506, "Variant Also Negotiates", "");
        put(507, "Insufficient Storage", "");
        put(508, "Loop Detected", "");
        put(510, "Not Extended", "");
        put(511, "Network Authentication Required", "The client needs to authenticate to gain network access");
    }

    private HttpStatus() {
    }

    private static void put(int code, String reason, String message) {
        REASONS[code] = reason;
        MESSAGES[code] = message;
    }

    /**
     * The standard reason phrase of a status code.
     *
     * @param code a status code from 100 to 599
     * @return the phrase, {@code ""} for a code without one
     * @throws IllegalArgumentException if the code is outside 100-599
     */
    public static String reason(int code) {
        check(code);
        String reason = REASONS[code];
        return reason == null ? "" : reason;
    }

    /**
     * The longer explanation CherryPy puts on an error page when no message is given, e.g.
     * {@code Nothing matches the given URI} for 404.
     *
     * @param code a status code from 100 to 599
     * @return the message, {@code ""} for a code without one
     * @throws IllegalArgumentException if the code is outside 100-599
     */
    public static String message(int code) {
        check(code);
        String message = MESSAGES[code];
        return message == null ? "" : message;
    }

    private static void check(int code) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("Illegal response status from server (" + code + " is out of range).");
        }
    }
}
