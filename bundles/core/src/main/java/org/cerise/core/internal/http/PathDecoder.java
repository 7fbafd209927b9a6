package org.cerise.core.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a raw request path the way cheroot and CherryPy do: percent escapes become UTF-8
 * text, except {@code %2F} (any case), which stays {@code %2F} so that an encoded slash never
 * splits a path segment; dispatchers decode it in positional arguments. Bytes that are not
 * UTF-8 are read as ISO-8859-1, as WSGI would.
 */
public final class PathDecoder {

    private PathDecoder() {
    }

    /**
     * @param raw the path as sent, without query string
     * @return the decoded path
     */
    public static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && FormDecoder.hex(raw.charAt(i + 1)) >= 0
                    && FormDecoder.hex(raw.charAt(i + 2)) >= 0) {
                int b = FormDecoder.hex(raw.charAt(i + 1)) * 16 + FormDecoder.hex(raw.charAt(i + 2));
                if (b == '/') {
                    bytes.write('%');
                    bytes.write('2');
                    bytes.write('F');
                } else {
                    bytes.write(b);
                }
                i += 2;
            } else if (c < 128) {
                bytes.write(c);
            } else {
                byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(enc, 0, enc.length);
            }
        }
        byte[] b = bytes.toByteArray();
        try {
            return FormDecoder.strictDecode(b, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }
}
