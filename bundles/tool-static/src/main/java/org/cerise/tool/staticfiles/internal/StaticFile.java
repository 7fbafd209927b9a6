package org.cerise.tool.staticfiles.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * One file ready to be sent, with what its headers need: its length, its {@code Last-Modified}
 * text and its Content-Type in the scope that found it. Small files carry their bytes, so that a
 * cached answer is a stat (files on disk) or nothing at all (bundle entries) and one write.
 * Instances are immutable and shared by every request of a scope.
 */
public final class StaticFile {

    /** Where the bytes live. */
    private enum Kind { DISK, ENTRY, STREAM }

    final String name;
    final long length;
    final String lastModified;
    final String contentType;
    /** The whole file, or {@code null} when it is larger than the cache takes. */
    final byte[] bytes;
    private final Kind kind;
    private final Path path;
    private final URL url;
    private final Object fileKey;
    private final FileTime mtime;

    private StaticFile(Kind kind, String name, long length, String lastModified, String contentType, byte[] bytes,
            Path path, URL url, Object fileKey, FileTime mtime) {
        this.kind = kind;
        this.name = name;
        this.length = length;
        this.lastModified = lastModified;
        this.contentType = contentType;
        this.bytes = bytes;
        this.path = path;
        this.url = url;
        this.fileKey = fileKey;
        this.mtime = mtime;
    }

    /**
     * A file on disk, its bytes read if it has at most {@code maxBytes}.
     *
     * @param path        the file
     * @param attrs       its attributes, just read (following links)
     * @param contentType its Content-Type, or {@code null} to leave the response's
     * @param maxBytes    the largest file whose bytes are kept
     * @return the file, or {@code null} if it changed while it was read
     * @throws IOException if it cannot be read
     */
    public static StaticFile disk(Path path, BasicFileAttributes attrs, String contentType, long maxBytes)
            throws IOException {
        byte[] bytes = null;
        if (attrs.size() <= maxBytes) {
            bytes = Files.readAllBytes(path);
            if (bytes.length != attrs.size()) {
                return null;
            }
        }
        return new StaticFile(Kind.DISK, path.toString(), attrs.size(),
                HttpDate.format(attrs.lastModifiedTime().toMillis()), contentType, bytes, path, null, attrs.fileKey(),
                attrs.lastModifiedTime());
    }

    /**
     * An entry of the app's bundle; entries do not change while the app is mounted.
     *
     * @param url          the entry
     * @param name         its path, for messages and the Content-Type guess
     * @param contentType  its Content-Type, or {@code null}
     * @param maxBytes     the largest entry whose bytes are kept
     * @param mountedSince the time to give as Last-Modified when the entry has none
     * @return the entry
     * @throws IOException if it cannot be read
     */
    static StaticFile entry(URL url, String name, String contentType, long maxBytes, long mountedSince)
            throws IOException {
        URLConnection c = url.openConnection();
        long length = c.getContentLengthLong();
        long modified = c.getLastModified();
        String lastModified = HttpDate.format(modified > 0 ? modified : mountedSince);
        byte[] bytes = null;
        if (length < 0 || length <= maxBytes) {
            try (InputStream in = c.getInputStream()) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
            if (bytes.length > maxBytes) {
                bytes = null;
            }
            if (length < 0) {
                if (bytes == null) {
                    // a large entry of unknown length: count it once
                    try (InputStream in = url.openStream()) {
                        length = in.transferTo(OutputStreamNull.INSTANCE);
                    }
                } else {
                    length = bytes.length;
                }
            }
        } else {
            // URLConnection opened a stream for the headers on some handlers: close it
            try {
                c.getInputStream().close();
            } catch (IOException e) {
                // nothing was open
            }
        }
        return new StaticFile(Kind.ENTRY, name, length, lastModified, contentType, bytes, null, url, null, null);
    }

    /**
     * A stream given to {@code serveFileobj}: a {@code FileInputStream} has a length and can be
     * read by ranges (its channel is positioned); any other stream is sent whole, as it comes.
     *
     * @param in the stream
     * @return the file
     */
    public static StaticFile stream(InputStream in) {
        FileChannel ch = null;
        long length = -1;
        if (in instanceof java.io.FileInputStream) {
            ch = ((java.io.FileInputStream) in).getChannel();
            try {
                length = ch.size();
            } catch (IOException e) {
                ch = null;
            }
        }
        StaticFile f = new StaticFile(Kind.STREAM, "", length, null, null, null, null, null, null, null);
        f.stream = in;
        f.channel = ch;
        return f;
    }

    /** For {@link Kind#STREAM}: the caller's stream, and its file's channel if it has one. */
    private InputStream stream;
    private FileChannel channel;

    /**
     * @param attrs the file's attributes, just read
     * @return whether this is still the same file, unchanged (same file key, size and time)
     */
    boolean unchanged(BasicFileAttributes attrs) {
        return attrs.isRegularFile() && attrs.size() == length && attrs.lastModifiedTime().equals(mtime)
                && Objects.equals(attrs.fileKey(), fileKey);
    }

    /** @return the caller's stream ({@code serveFileobj}), or {@code null} */
    InputStream callerStream() {
        return stream;
    }

    /** @return the file on disk, or {@code null} for a bundle entry */
    Path path() {
        return path;
    }

    /** @return the whole file as a response body: its bytes, its path, or a stream */
    Object whole() throws IOException {
        if (bytes != null) {
            return bytes;
        }
        if (kind == Kind.DISK) {
            return path;
        }
        if (kind == Kind.STREAM) {
            return stream;
        }
        return url.openStream();
    }

    /**
     * @param start the first byte
     * @param stop  the byte after the last
     * @return those bytes as a body
     */
    Object slice(long start, long stop) throws IOException {
        if (bytes != null) {
            return java.util.Arrays.copyOfRange(bytes, (int) start, (int) stop);
        }
        return open(start, stop);
    }

    /** A stream of the bytes from {@code start} to {@code stop}. */
    InputStream open(long start, long stop) throws IOException {
        if (bytes != null) {
            return new ByteArrayInputStream(bytes, (int) start, (int) (stop - start));
        }
        if (kind == Kind.STREAM) {
            // CherryPy seeks the file object for each range
            channel.position(start);
            return new Limited(new java.io.FilterInputStream(stream) {
                @Override
                public void close() {
                    // the caller's stream closes once, with the body
                }
            }, stop - start);
        }
        if (kind == Kind.DISK) {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
            try {
                ch.position(start);
                return new Limited(Channels.newInputStream(ch), stop - start);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }
        InputStream in = url.openStream();
        try {
            in.skipNBytes(start);
            return new Limited(in, stop - start);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return name + " (" + length + " bytes" + (bytes != null ? ", cached" : "") + ")";
    }

    /** Counts what it is given. */
    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    /** CherryPy's {@code file_generator_limited}: at most {@code remaining} bytes of a stream. */
    static final class Limited extends InputStream {
        private final InputStream in;
        private long remaining;

        Limited(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
