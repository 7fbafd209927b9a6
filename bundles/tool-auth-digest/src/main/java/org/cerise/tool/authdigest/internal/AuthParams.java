package org.cerise.tool.authdigest.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the parameters of a {@code Digest} credentials header (RFC 7235 {@code #auth-param}):
 * {@code name=token} or {@code name="quoted \"string\""}, separated by commas, empty list
 * elements allowed. Names are returned in lowercase, values unquoted.
 */
final class AuthParams {

    private AuthParams() {
    }

    /**
     * @param text what follows the scheme
     * @return the parameters in order
     * @throws IllegalArgumentException if the text is not such a list, or names a parameter twice
     */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && (isSpace(text.charAt(i)) || text.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            int start = i;
            while (i < n && isTokenChar(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw new IllegalArgumentException("a parameter name was expected at " + start);
            }
            String name = text.substring(start, i).toLowerCase(Locale.ROOT);
            i = skipSpace(text, i);
            if (i >= n || text.charAt(i) != '=') {
                throw new IllegalArgumentException("'=' was expected after " + name);
            }
            i = skipSpace(text, i + 1);
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("the value of " + name + " is not closed");
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (i >= n) {
                            throw new IllegalArgumentException("the value of " + name + " is not closed");
                        }
                        c = text.charAt(i++);
                    }
                    value.append(c);
                }
            } else {
                int vs = i;
                while (i < n && text.charAt(i) != ',' && !isSpace(text.charAt(i))) {
                    i++;
                }
                if (i == vs) {
                    throw new IllegalArgumentException(name + " has no value");
                }
                value.append(text, vs, i);
            }
            if (out.put(name, value.toString()) != null) {
                throw new IllegalArgumentException(name + " is given twice");
            }
            i = skipSpace(text, i);
            if (i < n && text.charAt(i) != ',') {
                throw new IllegalArgumentException("',' was expected after the value of " + name);
            }
        }
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
