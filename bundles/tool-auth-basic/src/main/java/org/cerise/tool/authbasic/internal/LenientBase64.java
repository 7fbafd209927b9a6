package org.cerise.tool.authbasic.internal;

import java.io.ByteArrayOutputStream;

/**
 * Base64 decoding as forgiving as CherryPy's ({@code base64.b64decode} without
 * {@code validate}): characters outside the alphabet are skipped and decoding ends at the
 * padding that completes a group, but a truncated group is still an error. Credentials that
 * CherryPy accepts with stray spaces or surplus {@code =} are accepted here too.
 */
final class LenientBase64 {

    private LenientBase64() {
    }

    /**
     * @param text the encoded text
     * @return the bytes
     * @throws IllegalArgumentException if the data ends inside a group without its padding
     */
    static byte[] decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 3 / 4);
        int bits = 0;
        int bitCount = 0;
        int inGroup = 0;
        int pads = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                // Padding only counts once two data characters of the group are there.
                if (inGroup >= 2 && inGroup + ++pads >= 4) {
                    return out.toByteArray();
                }
                continue;
            }
            int v = value(c);
            if (v < 0) {
                continue;
            }
            pads = 0;
            bits = ((bits << 6) | v) & 0xFFFF;
            bitCount += 6;
            if (bitCount >= 8) {
                bitCount -= 8;
                out.write((bits >> bitCount) & 0xFF);
            }
            inGroup = (inGroup + 1) % 4;
        }
        if (inGroup == 1) {
            throw new IllegalArgumentException("a base64 group cannot hold a single character");
        }
        if (inGroup != 0) {
            throw new IllegalArgumentException("incorrect base64 padding");
        }
        return out.toByteArray();
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+') {
            return 62;
        }
        if (c == '/') {
            return 63;
        }
        return -1;
    }
}
