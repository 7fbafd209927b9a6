package org.cerise.itests;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client on a plain socket for the protocol-level tests: it writes exactly the bytes it is
 * given (no Host, Content-Length or anything else added) and reads responses one by one off
 * the same connection, so that keep-alive, pipelining and interim {@code 100 Continue}
 * responses are visible as they are.
 */
final class RawHttp implements Closeable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends one request on a new connection and reads its response; for requests that say {@code Connection: close}. */
    static RawResponse exchange(int port, String request) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            http.send(request);
            return http.read(request.startsWith("HEAD "));
        }
    }

    /** Writes the text as ISO-8859-1 bytes, as they are. */
    RawHttp send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Reads the next response of a non-HEAD request. */
    RawResponse read() throws IOException {
        return read(false);
    }

    /**
     * Reads the next response. Its body is delimited as RFC 9112 says: none for HEAD, 1xx, 204
     * and 304; chunked; {@code Content-Length}; otherwise up to the end of the connection.
     *
     * @param head whether the request was a HEAD
     */
    RawResponse read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new EOFException("the server closed the connection before answering");
        }
        List<String[]> headers = new ArrayList<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        RawResponse bare = new RawResponse(statusLine, headers, new byte[0]);
        int status = bare.status;
        if (head || status / 100 == 1 || status == 204 || status == 304) {
            return bare;
        }
        String te = bare.header("Transfer-Encoding");
        String cl = bare.header("Content-Length");
        byte[] body;
        if (te != null && te.toLowerCase().contains("chunked")) {
            body = chunked();
        } else if (cl != null) {
            int length = Integer.parseInt(cl);
            body = in.readNBytes(length);
            if (body.length != length) {
                throw new EOFException("Content-Length was " + length + " but only " + body.length + " bytes came");
            }
        } else {
            body = in.readAllBytes();
        }
        return new RawResponse(statusLine, headers, body);
    }

    /** @return whether the server has closed the connection (end of stream within two seconds) */
    boolean closedByServer() throws IOException {
        socket.setSoTimeout(2_000);
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    /** @return whatever bytes remain until the server closes the connection */
    byte[] rest() throws IOException {
        return in.readAllBytes();
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            if (size == null) {
                throw new EOFException("chunked body ended early");
            }
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                // trailers up to the empty line
                for (String t = line(); t != null && !t.isEmpty(); t = line()) {
                    // ignored
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line();
        }
    }

    /** @return the next line without its CRLF (or LF), or {@code null} at the end of the stream */
    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = buf.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
