package org.cerise.tool.encode.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Python's codec error handlers, the values of {@code tools.encode.errors}: what to do with a
 * character the charset cannot encode.
 */
enum Errors {
    /** Fail: the charset is not acceptable for this body. */
    STRICT,
    /** Write {@code ?} instead. */
    REPLACE,
    /** Leave the character out. */
    IGNORE,
    /** Write an XML character reference, {@code &#8364;}. */
    XMLCHARREFREPLACE,
    /** Write a Python escape, {@code \u20ac}. */
    BACKSLASHREPLACE;

    /**
     * @param name the Python handler name
     * @return the handler, or {@code null} if Cerise does not know it
     */
    static Errors named(String name) {
        for (Errors e : values()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(name)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Encodes text.
     *
     * @param text    the text
     * @param charset the charset
     * @return the bytes, or {@code null} if a character cannot be encoded and this is {@link #STRICT}
     */
    byte[] encode(CharSequence text, Charset charset) {
        if (charset == StandardCharsets.UTF_8) {
            // every char but a lone surrogate has a UTF-8 form: the JDK's fast path is exact
            // unless there is one, and pure ASCII (as long in bytes as in chars) has none
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length == text.length() || !hasSurrogate(text)) {
                return bytes;
            }
        }
        CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(text);
        ByteBuffer out = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8L,
                (long) Math.ceil(text.length() * (double) encoder.averageBytesPerChar()) + 16));
        while (true) {
            CoderResult r = in.hasRemaining() ? encoder.encode(in, out, true) : CoderResult.UNDERFLOW;
            if (r.isUnderflow()) {
                r = encoder.flush(out);
                if (r.isUnderflow()) {
                    return Arrays.copyOf(out.array(), out.position());
                }
            }
            if (r.isOverflow()) {
                out = grow(out, 16);
                continue;
            }
            if (this == STRICT) {
                return null;
            }
            int start = in.position();
            int end = start + r.length();
            in.position(end);
            String substitute = substitute(text, start, end);
            if (!substitute.isEmpty()) {
                byte[] bytes;
                try {
                    ByteBuffer encoded = charset.newEncoder().encode(CharBuffer.wrap(substitute));
                    bytes = new byte[encoded.remaining()];
                    encoded.get(bytes);
                } catch (CharacterCodingException e) {
                    // the substitutes are ASCII; a charset without ASCII gets them as ASCII bytes
                    bytes = substitute.getBytes(StandardCharsets.US_ASCII);
                }
                if (out.remaining() < bytes.length) {
                    out = grow(out, bytes.length);
                }
                out.put(bytes);
            }
        }
    }

    private String substitute(CharSequence text, int start, int end) {
        switch (this) {
            case IGNORE:
                return "";
            case REPLACE: {
                StringBuilder b = new StringBuilder();
                text.toString().substring(start, end).codePoints().forEach(cp -> b.append('?'));
                return b.toString();
            }
            case XMLCHARREFREPLACE: {
                StringBuilder b = new StringBuilder();
                text.toString().substring(start, end).codePoints().forEach(cp -> b.append("&#").append(cp).append(';'));
                return b.toString();
            }
            default: {
                StringBuilder b = new StringBuilder();
                text.toString().substring(start, end).codePoints().forEach(cp -> {
                    if (cp < 0x100) {
                        b.append(String.format("\\x%02x", cp));
                    } else if (cp < 0x10000) {
                        b.append(String.format("\\u%04x", cp));
                    } else {
                        b.append(String.format("\\U%08x", cp));
                    }
                });
                return b.toString();
            }
        }
    }

    private static ByteBuffer grow(ByteBuffer out, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.capacity() + atLeast));
        out.flip();
        bigger.put(out);
        return bigger;
    }

    private static boolean hasSurrogate(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
