package org.cerise.api.embed;

import java.util.List;
import java.util.Map;

/**
 * Serves a request in-process, without a socket: the container's own entry point (the front
 * servlet, the pipeline, its tools and dispatchers), given the request as an HTTP client would
 * send it. The core registers one as a service of the container; test kits reach it through
 * {@link Embedding#localServer()}. It is CherryPy's way of testing an app through its
 * {@code interface} without an HTTP server.
 *
 * <p>What the socket adds is not here: no connection handling, no chunked framing (the body
 * comes back whole), no {@code multipart/form-data} parsing (the servlet container does that;
 * such requests answer as if the body could not be read). The container adds the
 * {@code Date} header as Jetty does.
 *
 * @since 1.1
 */
public interface LocalServer {

    /**
     * Serves one request on the calling thread.
     *
     * @param method   the method, e.g. {@code GET}
     * @param target   the request target as on the request line: the raw path (percent-encoded
     *                 as sent) and the query string, e.g. {@code /generate?length=8}
     * @param protocol the protocol, e.g. {@code HTTP/1.1}
     * @param headers  the request headers in order, repeated names allowed (the caller adds
     *                 {@code Host} and {@code Content-Length} as a client would)
     * @param body     the request body, or {@code null} for none
     * @return the response
     */
    Response serve(String method, String target, String protocol, List<Map.Entry<String, String>> headers,
            byte[] body);

    /** A response: the status line's code and reason, the headers in order, the whole body. */
    final class Response {
        private final int status;
        private final String reason;
        private final List<Map.Entry<String, String>> headers;
        private final byte[] body;

        /**
         * @param status  the status code
         * @param reason  the reason phrase
         * @param headers the headers in order, repeated names allowed
         * @param body    the body, empty for none
         */
        public Response(int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {
            this.status = status;
            this.reason = reason;
            this.headers = List.copyOf(headers);
            this.body = body;
        }

        /** @return the status code */
        public int status() {
            return status;
        }

        /** @return the reason phrase */
        public String reason() {
            return reason;
        }

        /** @return the headers in order */
        public List<Map.Entry<String, String>> headers() {
            return headers;
        }

        /** @return the body (not copied) */
        public byte[] body() {
            return body;
        }
    }
}
