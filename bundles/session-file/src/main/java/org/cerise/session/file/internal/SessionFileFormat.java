package org.cerise.session.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The layout of a session file, all numbers big-endian:
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "CSES"
 *      4     1  format version (1)
 *      5     8  expiry, milliseconds since the epoch (signed)
 *     13     4  data length n
 *     17     n  data, the bytes the sessions tool saved
 *   17+n     4  CRC-32C of bytes 0 .. 17+n
 * </pre>
 *
 * <p>The expiry sits in a fixed header so that {@code count}, {@code ids} and
 * {@code removeExpired} read 17 bytes per file, never the data. The length and checksum make
 * any file that is not exactly what a save wrote (truncated, padded, bit-flipped, foreign)
 * detectable: such a file is {@linkplain Corrupt refused}, never half-loaded. Files are replaced
 * whole by an atomic rename, so a torn file is not expected; the checksum is the proof.
 */
final class SessionFileFormat {

    /** "CSES": Cerise session. */
    static final int MAGIC = 0x43534553;
    static final byte VERSION = 1;
    static final int HEADER = 17;
    static final int TRAILER = 4;

    private SessionFileFormat() {
    }

    /** A file that is not a session file of this format; the message says what is wrong. */
    static final class Corrupt extends Exception {
        private static final long serialVersionUID = 1L;

        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param expiresMillis the expiry
     * @param length        the data length
     * @return the header, ready to write
     */
    static ByteBuffer header(long expiresMillis, int length) {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        header.putInt(MAGIC).put(VERSION).putLong(expiresMillis).putInt(length).flip();
        return header;
    }

    /**
     * @param header the header (read from position 0 to its limit, position unchanged)
     * @param data   the data
     * @return the trailer holding the checksum of both, ready to write
     */
    static ByteBuffer trailer(ByteBuffer header, byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(header.duplicate());
        crc.update(data, 0, data.length);
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER);
        trailer.putInt((int) crc.getValue()).flip();
        return trailer;
    }

    /**
     * Reads and checks the header of an open session file.
     *
     * @param channel the file, at position 0
     * @return the header, positioned after the magic and version (expiry next)
     * @throws Corrupt     if it is not a whole session file of this format
     * @throws IOException if it cannot be read
     */
    static ByteBuffer readHeader(FileChannel channel) throws Corrupt, IOException {
        long size = channel.size();
        if (size < HEADER + TRAILER) {
            throw new Corrupt("too short for a session file (" + size + " bytes)");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(channel, header);
        header.flip();
        int magic = header.getInt();
        if (magic != MAGIC) {
            throw new Corrupt("not a session file (no CSES signature)");
        }
        byte version = header.get();
        if (version != VERSION) {
            throw new Corrupt("session file format " + version + ", this store reads format " + VERSION);
        }
        int length = header.getInt(13);
        if (length < 0 || size != (long) HEADER + length + TRAILER) {
            throw new Corrupt("size " + size + " does not match its data length " + length + " (truncated or padded)");
        }
        return header;
    }

    /**
     * Reads the data of a file whose header {@link #readHeader} checked, and verifies the checksum.
     *
     * @param channel the file, positioned after the header
     * @param header  the header read
     * @return the data
     * @throws Corrupt     if the checksum does not match
     * @throws IOException if it cannot be read
     */
    static byte[] readData(FileChannel channel, ByteBuffer header) throws Corrupt, IOException {
        int length = header.getInt(13);
        byte[] data = new byte[length];
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER);
        ByteBuffer[] rest = {ByteBuffer.wrap(data), trailer};
        while (rest[1].hasRemaining()) {
            if (channel.read(rest) < 0) {
                throw new Corrupt("shorter than its header says (truncated while being read)");
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(header.duplicate().clear());
        crc.update(data, 0, data.length);
        if ((int) crc.getValue() != trailer.getInt(0)) {
            throw new Corrupt("checksum mismatch (the file was altered or damaged)");
        }
        return data;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer) throws Corrupt, IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new Corrupt("shorter than a session header (truncated while being read)");
            }
        }
    }
}
