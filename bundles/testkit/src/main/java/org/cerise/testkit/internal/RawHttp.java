package org.cerise.testkit.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange over a fresh socket, written byte for byte as given: what cheroot's
 * {@code webtest.openURL} does with {@code http.client} ({@code putrequest} with
 * {@code skip_host} and {@code skip_accept_encoding}: no header is added behind the test's
 * back). {@code java.net.http.HttpClient} is not used because it refuses to send some headers
 * ({@code Host}, {@code Connection}, {@code Content-Length}) and any protocol but its own, which
 * CherryPy's tests set on purpose.
 */
public final class RawHttp {

    /** Generous: a test that waits this long has failed anyway. */
    private static final int TIMEOUT_MS = 60_000;

    private RawHttp() {
    }

    /** A response: the status line after the protocol, the headers in order, the body. */
    public static final class Result {
        /** e.g. {@code 200 OK} */
        public final String status;
        /** the headers as received */
        public final List<Map.Entry<String, String>> headers;
        /** the body, de-chunked */
        public final byte[] body;

        Result(String status, List<Map.Entry<String, String>> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }
    }

    /**
     * Sends the request and reads the response.
     *
     * @param host     the server's address
     * @param port     the server's port
     * @param method   the method
     * @param target   the request target
     * @param protocol the protocol on the request line
     * @param headers  all headers to send
     * @param body     the body, or {@code null}
     * @return the response
     * @throws IOException if the exchange fails
     */
    public static Result exchange(String host, int port, String method, String target, String protocol,
            List<Map.Entry<String, String>> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            StringBuilder head = new StringBuilder(256);
            head.append(method).append(' ').append(target).append(' ').append(protocol).append("\r\n");
            for (Map.Entry<String, String> h : headers) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            // Latin-1 as http.client encodes header values
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            while (true) {
                String statusLine = line(in);
                if (statusLine == null) {
                    throw new EOFException("The server closed the connection without a response");
                }
                int sp = statusLine.indexOf(' ');
                String status = sp < 0 ? "" : statusLine.substring(sp + 1);
                int code = status.length() >= 3 ? Integer.parseInt(status.substring(0, 3)) : 0;
                List<Map.Entry<String, String>> received = headers(in);
                if (code >= 100 && code < 200 && code != 101) {
                    continue; // 100 Continue and other interim answers: http.client skips them
                }
                byte[] content = body(in, method, code, received);
                return new Result(status, received, content);
            }
        }
    }

    private static List<Map.Entry<String, String>> headers(InputStream in) throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String line;
        while ((line = line(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).strip()));
            }
        }
        return headers;
    }

    private static byte[] body(InputStream in, String method, int code, List<Map.Entry<String, String>> headers)
            throws IOException {
        if ("HEAD".equalsIgnoreCase(method) || code == 204 || code == 304) {
            return new byte[0];
        }
        String te = find(headers, "Transfer-Encoding");
        if (te != null && te.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new EOFException("The chunked body ended early");
                }
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
                if (n == 0) {
                    headers(in); // trailers
                    return out.toByteArray();
                }
                out.write(in.readNBytes(n));
                line(in);
            }
        }
        String length = find(headers, "Content-Length");
        if (length != null) {
            int n = Integer.parseInt(length.strip());
            byte[] b = in.readNBytes(n);
            if (b.length < n) {
                throw new EOFException("The body ended after " + b.length + " of " + n + " bytes");
            }
            return b;
        }
        return in.readAllBytes();
    }

    private static String find(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** A line without its CRLF (or LF), as Latin-1; {@code null} at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
