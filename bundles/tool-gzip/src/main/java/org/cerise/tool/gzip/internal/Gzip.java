package org.cerise.tool.gzip.internal;

import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The gzip format (RFC 1952) around raw deflate, written as CherryPy's {@code compress} writes
 * it: modification time now, XFL 2 for level 9 and 4 for level 1, OS unknown (255).
 */
final class Gzip {

    private static final int BUFFER = 8192;

    private Gzip() {
    }

    /**
     * Compresses a whole body.
     *
     * @param data  the body
     * @param level 0-9, or -1 for zlib's default
     * @return the gzip member
     */
    static byte[] compress(byte[] data, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 32);
        out.writeBytes(header(level));
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            byte[] buf = new byte[BUFFER];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
        } finally {
            deflater.end();
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        out.writeBytes(trailer(crc.getValue(), data.length));
        return out.toByteArray();
    }

    /**
     * Compresses a body as it is produced: each chunk is flushed (a deflate sync flush) so that
     * the client can decompress everything sent so far, which is what streaming is for.
     *
     * @param source  the body's chunks
     * @param level   0-9, or -1
     * @param onClose closes the source; runs when the stream is closed
     * @return the gzip member's chunks
     */
    static Stream<byte[]> compressing(Iterator<byte[]> source, int level, Runnable onClose) {
        Compressor compressor = new Compressor(source, level);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(compressor, Spliterator.ORDERED), false)
                .onClose(() -> {
                    try {
                        onClose.run();
                    } finally {
                        compressor.deflater.end();
                    }
                });
    }

    private static byte[] header(int level) {
        long mtime = System.currentTimeMillis() / 1000;
        int xfl = level == Deflater.BEST_COMPRESSION ? 2 : level == Deflater.BEST_SPEED ? 4 : 0;
        return new byte[] {0x1f, (byte) 0x8b, 8, 0, (byte) mtime, (byte) (mtime >> 8), (byte) (mtime >> 16),
            (byte) (mtime >> 24), (byte) xfl, (byte) 0xff};
    }

    private static byte[] trailer(long crc, long size) {
        return new byte[] {(byte) crc, (byte) (crc >> 8), (byte) (crc >> 16), (byte) (crc >> 24), (byte) size,
            (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)};
    }

    /** Header, one flushed block per non-empty source chunk, then the final block and trailer. */
    private static final class Compressor implements Iterator<byte[]> {
        final Deflater deflater;
        private final Iterator<byte[]> source;
        private final int level;
        private final CRC32 crc = new CRC32();
        private final byte[] buf = new byte[BUFFER];
        private long size;
        private boolean started;
        private boolean done;
        private byte[] next;

        Compressor(Iterator<byte[]> source, int level) {
            this.source = source;
            this.level = level;
            this.deflater = new Deflater(level, true);
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = produce();
            }
            return next != null;
        }

        @Override
        public byte[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            byte[] out = next;
            next = null;
            return out;
        }

        private byte[] produce() {
            if (!started) {
                started = true;
                return header(level);
            }
            while (source.hasNext()) {
                byte[] chunk = source.next();
                if (chunk.length == 0) {
                    continue;
                }
                crc.update(chunk);
                size += chunk.length;
                deflater.setInput(chunk);
                ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.length / 2 + 16);
                int n;
                do {
                    n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    out.write(buf, 0, n);
                } while (n == buf.length || !deflater.needsInput());
                return out.toByteArray();
            }
            done = true;
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(64);
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            deflater.end();
            out.writeBytes(trailer(crc.getValue(), size));
            return out.toByteArray();
        }
    }
}
