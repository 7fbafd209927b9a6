package org.cerise.core.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decodes query strings and urlencoded bodies as CherryPy does ({@code httputil._parse_qs},
 * {@code _cpreqbody.process_urlencoded}): pairs split on {@code &} and {@code ;}, {@code +} is
 * a space, a name without {@code =} has the empty value, repeated names keep all values, and a
 * server-side image map query ({@code ?12,34}) becomes {@code x} and {@code y}.
 */
public final class FormDecoder {

    private static final Pattern IMAGE_MAP = Pattern.compile("[0-9]+,[0-9]+");

    private FormDecoder() {
    }

    /**
     * Adds the parameters of a query string to a map ({@code httputil.parse_query_string}).
     *
     * @param text    the query string, without {@code ?}
     * @param charset the charset of the percent-encoded bytes
     * @param into    the map to add to
     * @param names   if not {@code null}, receives every name decoded (to tell body from query)
     * @throws CharacterCodingException if a name or value is not valid in the charset
     */
    public static void decode(String text, Charset charset, Map<String, List<String>> into, List<String> names)
            throws CharacterCodingException {
        if (IMAGE_MAP.matcher(text).matches()) {
            int comma = text.indexOf(',');
            add(into, names, "x", text.substring(0, comma));
            add(into, names, "y", text.substring(comma + 1));
            return;
        }
        pairs(text, false, charset, into, names);
    }

    /**
     * Adds the parameters of an urlencoded body to a map ({@code _cpreqbody.process_urlencoded}).
     * Unlike a query string, the body is bytes: bytes sent without percent-encoding are decoded
     * in the charset too, and there is no image map.
     *
     * @param body    the body
     * @param charset the charset to decode names and values in
     * @param into    the map to add to
     * @param names   if not {@code null}, receives every name decoded (to tell body from query)
     * @throws CharacterCodingException if a name or value is not valid in the charset
     */
    public static void decodeBody(byte[] body, Charset charset, Map<String, List<String>> into, List<String> names)
            throws CharacterCodingException {
        // ISO-8859-1 maps every byte to the char of the same value, and back
        pairs(new String(body, StandardCharsets.ISO_8859_1), true, charset, into, names);
    }

    private static void pairs(String text, boolean bytesAsChars, Charset charset, Map<String, List<String>> into,
            List<String> names) throws CharacterCodingException {
        int start = 0;
        int n = text.length();
        while (start <= n) {
            int end = start;
            while (end < n && text.charAt(end) != '&' && text.charAt(end) != ';') {
                end++;
            }
            if (end > start) {
                int eq = text.indexOf('=', start);
                String name;
                String value;
                if (eq < 0 || eq > end) {
                    name = unquotePlus(text, start, end, bytesAsChars, charset);
                    value = "";
                } else {
                    name = unquotePlus(text, start, eq, bytesAsChars, charset);
                    value = unquotePlus(text, eq + 1, end, bytesAsChars, charset);
                }
                add(into, names, name, value);
            }
            start = end + 1;
        }
    }

    private static void add(Map<String, List<String>> into, List<String> names, String name, String value) {
        into.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        if (names != null) {
            names.add(name);
        }
    }

    /**
     * Percent-decodes a range of text, {@code +} as space, strictly in the charset.
     *
     * @param bytesAsChars whether each char is a byte (a body read as ISO-8859-1) rather than text
     * @throws CharacterCodingException on bytes that are not valid in the charset
     */
    static String unquotePlus(String s, int from, int to, boolean bytesAsChars, Charset charset)
            throws CharacterCodingException {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+' || c > 127) {
                plain = false;
                break;
            }
        }
        if (plain && asciiCompatible(charset)) {
            return s.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < to && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else if (c < 128 || bytesAsChars) {
                bytes.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(charset);
                bytes.write(b, 0, b.length);
            }
        }
        return strictDecode(bytes.toByteArray(), charset);
    }

    /**
     * Whether plain ASCII bytes mean the same ASCII text in the charset, so that text without
     * escapes can be taken as it is (not so in UTF-16, where CherryPy's decode fails).
     */
    private static boolean asciiCompatible(Charset charset) {
        if (charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.ISO_8859_1)
                || charset.equals(StandardCharsets.US_ASCII)) {
            return true;
        }
        byte[] ascii = new byte[128];
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] = (byte) i;
        }
        try {
            return strictDecode(ascii, charset).equals(new String(ascii, StandardCharsets.US_ASCII));
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static String strictDecode(byte[] bytes, Charset charset) throws CharacterCodingException {
        CharBuffer chars = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        return chars.toString();
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
