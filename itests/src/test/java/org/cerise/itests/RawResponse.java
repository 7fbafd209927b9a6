package org.cerise.itests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One HTTP response exactly as it came off the socket: status line, headers in order, body bytes. */
final class RawResponse {

    final String statusLine;
    final int status;
    final List<String[]> headers;
    final byte[] body;

    RawResponse(String statusLine, List<String[]> headers, byte[] body) {
        this.statusLine = statusLine;
        String[] parts = statusLine.split(" ", 3);
        this.status = Integer.parseInt(parts[1]);
        this.headers = headers;
        this.body = body;
    }

    /** @return the first value of the header (names compare case-insensitively), or {@code null} */
    String header(String name) {
        List<String> all = headers(name);
        return all.isEmpty() ? null : all.get(0);
    }

    /** @return every value of the header, in order */
    List<String> headers(String name) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                out.add(h[1]);
            }
        }
        return out;
    }

    /** @return the body as UTF-8 text */
    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(statusLine).append("\n");
        headers.forEach(h -> s.append(h[0]).append(": ").append(h[1]).append("\n"));
        String text = text();
        return s.append("\n").append(text.length() > 2000 ? text.substring(0, 2000) + "..." : text).toString();
    }
}
