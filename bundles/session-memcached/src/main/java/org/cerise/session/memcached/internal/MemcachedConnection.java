package org.cerise.session.memcached.internal;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One TCP connection to a memcached server, speaking its text protocol: command lines and data
 * blocks out, reply lines and data blocks in. Used by one thread at a time (borrowed from
 * {@link MemcachedServer}'s pool). Any {@link IOException} leaves the connection in an unknown
 * state: its user closes it rather than return it to the pool.
 */
final class MemcachedConnection implements Closeable {

    private static final byte[] CRLF = {'\r', '\n'};
    /** Longer than any reply line (a metadump line with a 250-byte key escaped is under 1 KB). */
    private static final int MAX_LINE = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private final byte[] outBuffer = new byte[8192];
    private int outLength;

    private MemcachedConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * @param server         the server
     * @param connectTimeout milliseconds to wait for the connection
     * @param timeout        milliseconds to wait for each read of a reply
     * @return the connection
     * @throws IOException if the server cannot be reached
     */
    static MemcachedConnection open(MemcachedSettings.Server server, int connectTimeout, int timeout)
            throws IOException {
        Socket socket = new Socket();
        try {
            // replies to small commands must not wait for Nagle's algorithm
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(server.host(), server.port()), connectTimeout);
            socket.setSoTimeout(timeout);
            return new MemcachedConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Queues a command line (ASCII; CRLF added).
     *
     * @param line the command
     * @throws IOException if it cannot be written
     */
    void command(String line) throws IOException {
        int n = line.length();
        if (outLength + n + 2 > outBuffer.length) {
            flushBuffer();
        }
        if (n + 2 > outBuffer.length) {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            return;
        }
        // keys and numbers are ASCII (the prefix and ids are checked): one byte per char
        for (int i = 0; i < n; i++) {
            outBuffer[outLength++] = (byte) line.charAt(i);
        }
        outBuffer[outLength++] = '\r';
        outBuffer[outLength++] = '\n';
    }

    /**
     * Queues a data block (CRLF added), after its command.
     *
     * @param data the bytes
     * @throws IOException if they cannot be written
     */
    void data(byte[] data) throws IOException {
        if (outLength + data.length + 2 <= outBuffer.length) {
            System.arraycopy(data, 0, outBuffer, outLength, data.length);
            outLength += data.length;
        } else {
            flushBuffer();
            out.write(data);
        }
        command("");
    }

    /**
     * Sends what was queued.
     *
     * @throws IOException if it cannot be written
     */
    void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    private void flushBuffer() throws IOException {
        if (outLength > 0) {
            out.write(outBuffer, 0, outLength);
            outLength = 0;
        }
    }

    /**
     * @return the next reply line, without its line end (CRLF, or LF alone as metadump's lines)
     * @throws IOException if the connection fails, times out or closes first
     */
    String readLine() throws IOException {
        StringBuilder longLine = null;
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    String part = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                    position = i + 1;
                    if (longLine == null) {
                        return part;
                    }
                    // a CR that ended the previous buffer belongs to this line end
                    if (end == i && longLine.length() > 0 && longLine.charAt(longLine.length() - 1) == '\r'
                            && part.isEmpty()) {
                        longLine.setLength(longLine.length() - 1);
                    }
                    return longLine.append(part).toString();
                }
            }
            if (longLine == null) {
                longLine = new StringBuilder();
            }
            longLine.append(new String(buffer, position, limit - position, StandardCharsets.ISO_8859_1));
            if (longLine.length() > MAX_LINE) {
                throw new IOException("a reply line longer than " + MAX_LINE + " bytes");
            }
            position = limit;
            fill();
        }
    }

    /**
     * @param length the data block's length, from its reply line
     * @return the block
     * @throws IOException if the connection fails, or the block does not end with CRLF
     */
    byte[] readData(int length) throws IOException {
        byte[] data = new byte[length];
        int have = Math.min(length, limit - position);
        System.arraycopy(buffer, position, data, 0, have);
        position += have;
        while (have < length) {
            int n = in.read(data, have, length - have);
            if (n < 0) {
                throw new EOFException("the connection was closed by the server");
            }
            have += n;
        }
        if (readByte() != '\r' || readByte() != '\n') {
            throw new IOException("a data block not ended by CRLF");
        }
        return data;
    }

    private int readByte() throws IOException {
        if (position == limit) {
            fill();
        }
        return buffer[position++];
    }

    private void fill() throws IOException {
        position = 0;
        limit = 0;
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            throw new EOFException("the connection was closed by the server");
        }
        limit = n;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
