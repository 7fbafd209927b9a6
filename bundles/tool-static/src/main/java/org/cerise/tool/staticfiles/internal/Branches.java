package org.cerise.tool.staticfiles.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns the part of a request path below a static section into a safe relative path, as
 * CherryPy's {@code staticdir} does with {@code unquote} and {@code normpath}, but checked by
 * path segments rather than by a string prefix.
 */
final class Branches {

    /** The branch leaves the served folder (a {@code ..} above it, an absolute path): 403. */
    static final String FORBIDDEN = new String("403");
    /** The branch cannot name a file (a NUL byte): not found, the request falls through. */
    static final String NOT_A_FILE = new String("404");

    private Branches() {
    }

    /**
     * @param raw the request's path below the section (already decoded once by the core),
     *            without the section's slash
     * @return the normalized relative path ({@code ""} for the folder itself; {@code /}-separated,
     *         no {@code .}, {@code ..} or empty segments), or {@link #FORBIDDEN} or
     *         {@link #NOT_A_FILE} (compare by identity)
     */
    static String normalize(String raw) {
        int i = 0;
        // CherryPy's branch.lstrip('\\/') comes before unquote
        while (i < raw.length() && (raw.charAt(i) == '/' || raw.charAt(i) == '\\')) {
            i++;
        }
        String s = i == 0 ? raw : raw.substring(i);
        if (s.indexOf('%') >= 0) {
            // CherryPy unquotes once more: %2F, and %252e%252e sent to the server, become / and ..
            s = unquote(s);
            if (s.startsWith("/")) {
                return FORBIDDEN;
            }
        }
        if (s.indexOf('\0') >= 0) {
            return NOT_A_FILE;
        }
        if (java.io.File.separatorChar == '\\' && s.indexOf('\\') >= 0) {
            // where backslash separates folders, it could climb out unseen: refuse it
            return FORBIDDEN;
        }
        if (clean(s)) {
            return s;
        }
        // normpath by segments: "a/./b//../c" is "a/c"; a ".." above the folder leaves it
        String[] segments = s.split("/");
        String[] out = new String[segments.length];
        int n = 0;
        for (String seg : segments) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (n == 0) {
                    return FORBIDDEN;
                }
                n--;
            } else {
                out[n++] = seg;
            }
        }
        return String.join("/", java.util.Arrays.asList(out).subList(0, n));
    }

    /** Whether a path needs no normalizing: no empty, {@code .} or {@code ..} segment, no trailing slash. */
    private static boolean clean(String s) {
        int start = 0;
        int len = s.length();
        for (int i = 0; i <= len; i++) {
            if (i == len || s.charAt(i) == '/') {
                int segLen = i - start;
                if (segLen == 0 && len > 0) {
                    return false;
                }
                if (segLen == 1 && s.charAt(start) == '.') {
                    return false;
                }
                if (segLen == 2 && s.charAt(start) == '.' && s.charAt(start + 1) == '.') {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /** Python's {@code urllib.parse.unquote}: %XX runs as UTF-8 (bad bytes become U+FFFD). */
    static String unquote(String s) {
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi;
            int lo;
            if (c == '%' && i + 2 < s.length() && (hi = hex(s.charAt(i + 1))) >= 0
                    && (lo = hex(s.charAt(i + 2))) >= 0) {
                run.write(hi * 16 + lo);
                i += 2;
            } else {
                if (run.size() > 0) {
                    out.append(new String(run.toByteArray(), StandardCharsets.UTF_8));
                    run.reset();
                }
                out.append(c);
            }
        }
        if (run.size() > 0) {
            out.append(new String(run.toByteArray(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** @param c a character @return its value as an ASCII hex digit, or -1 */
    private static int hex(char c) {
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
