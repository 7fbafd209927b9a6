package org.cerise.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What {@link CPWebCase#getPage} returns, CherryPy's {@code (status, headers, body)}: the status
 * line after the protocol ({@code "200 OK"}), the headers in the order received (repeated names
 * kept) and the body as bytes.
 */
public final class Page {

    private final String status;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;

    Page(String status, List<Map.Entry<String, String>> headers, byte[] body) {
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    /** @return e.g. {@code "200 OK"} */
    public String status() {
        return status;
    }

    /** @return the status code, e.g. 200 */
    public int statusCode() {
        return Integer.parseInt(status.substring(0, 3));
    }

    /** @return the headers in order */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /**
     * @param name a header name, any case
     * @return its first value, or {@code null}
     */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** @return the body (not copied) */
    public byte[] body() {
        return body;
    }

    /** @return the body decoded as UTF-8 */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return status + " " + headers + " " + text();
    }
}
