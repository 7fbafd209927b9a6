package org.cerise.tool.authdigest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The two hash functions of RFC 7616, as lowercase hex of the UTF-8 bytes of their input. */
enum Hash {
    MD5("MD5"),
    SHA_256("SHA-256");

    private static final HexFormat HEX = HexFormat.of();

    /** The JCA name, also what {@link org.cerise.tool.authdigest.Ha1Source} is asked for. */
    final String jcaName;
    /** How many hex digits a value has. */
    final int hexLength;
    private final MessageDigest prototype;

    Hash(String jcaName) {
        this.jcaName = jcaName;
        try {
            this.prototype = MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has " + jcaName, e);
        }
        this.hexLength = prototype.getDigestLength() * 2;
    }

    private MessageDigest digest() {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance(jcaName);
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    String hex(byte[] bytes) {
        return HEX.formatHex(digest().digest(bytes));
    }

    /**
     * @param value a candidate digest
     * @return whether it is a hex digest of this hash
     */
    boolean isHex(String value) {
        if (value.length() != hexLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param hexLength the length of a hex digest
     * @return the hash that writes digests of that length, or {@code null}
     */
    static Hash ofHexLength(int hexLength) {
        for (Hash h : values()) {
            if (h.hexLength == hexLength) {
                return h;
            }
        }
        return null;
    }
}
