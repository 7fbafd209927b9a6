package org.cerise.core.internal.http;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.cerise.api.Cookie;

/**
 * Formats {@code Set-Cookie} values as CherryPy's {@code SimpleCookie} does: {@code name=value}
 * followed by the attributes in Python's (alphabetical) order, e.g.
 * {@code session_id=ab; expires=Sat, 21 Nov 2026 08:11:41 GMT; Max-Age=3600; Path=/}.
 */
public final class SetCookie {

    private static final DateTimeFormatter EXPIRES = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final String LEGAL = "!#$%&'*+-.^_`|~:";

    private SetCookie() {
    }

    /**
     * @param c a cookie
     * @return the header value
     */
    public static String format(Cookie c) {
        StringBuilder sb = new StringBuilder(64).append(c.name()).append('=').append(quote(c.value()));
        if (present(c.domain())) {
            sb.append("; Domain=").append(c.domain());
        }
        if (c.expires() != null) {
            sb.append("; expires=").append(EXPIRES.format(c.expires()));
        }
        if (c.httpOnly()) {
            sb.append("; HttpOnly");
        }
        if (c.maxAge() >= 0) {
            sb.append("; Max-Age=").append(c.maxAge());
        }
        if (present(c.path())) {
            sb.append("; Path=").append(c.path());
        }
        if (present(c.sameSite())) {
            sb.append("; SameSite=").append(c.sameSite());
        }
        if (c.secure()) {
            sb.append("; Secure");
        }
        return sb.toString();
    }

    /** Morsel.OutputString skips an attribute whose value is {@code ""}. */
    private static boolean present(String attribute) {
        return attribute != null && !attribute.isEmpty();
    }

    /**
     * Python's {@code http.cookies._quote}: legal values as they are, others quoted, with
     * {@code _Translator}'s escapes: {@code \"}, {@code \\}, and {@code \ooo} (the octal code point)
     * for {@code ,}, {@code ;} and the code points 0-31 and 127-255; other characters stay as they
     * are. The empty value is not legal, so it is written {@code ""}.
     */
    static String quote(String value) {
        boolean legal = !value.isEmpty();
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (!(Character.isLetterOrDigit(ch) && ch < 128 || ch == '_' || LEGAL.indexOf(ch) >= 0)) {
                legal = false;
                break;
            }
        }
        if (legal) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 8).append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 32 || (ch > 126 && ch < 256) || ch == ',' || ch == ';') {
                sb.append('\\').append(String.format("%03o", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }
}
