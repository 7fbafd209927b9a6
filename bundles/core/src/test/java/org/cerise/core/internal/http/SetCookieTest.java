package org.cerise.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.cerise.api.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference: Python's {@code http.cookies.SimpleCookie}: {@code c['n'] = value},
 * attributes set on the morsel, then {@code c['n'].OutputString()} (what CherryPy sends as the
 * {@code Set-Cookie} value).
 */
class SetCookieTest {

    // value (Python escapes \\xhh, \\t) | OutputString()
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            abc          | n=abc
            ``           | `n=""`
            `a b`        | `n="a b"`
            a;b          | `n="a\\073b"`
            `a,b`        | `n="a\\054b"`
            `a"b`        | `n="a\\"b"`
            a\\\\b       | `n="a\\\\b"`
            é            | `n="\\351"`
            ÿ            | `n="\\377"`
            Ā            | `n="Ā"`
            €            | `n="€"`
            😀           | `n="😀"`
            \\x00        | `n="\\000"`
            \\x1f        | `n="\\037"`
            \\x7f        | `n="\\177"`
            x\\ty        | `n="x\\011y"`
            a=b          | `n="a=b"`
            a:b          | n=a:b
            a'b          | n=a'b
            a/b          | `n="a/b"`
            a?b          | `n="a?b"`
            a@b          | `n="a@b"`
            [x]          | `n="[x]"`
            {x}          | `n="{x}"`
            a(b)         | `n="a(b)"`
            !#$%&*+-.^_~ | n=!#$%&*+-.^_~
            """)
    void valueQuotedAsSimpleCookie(String value, String header) {
        assertEquals(header, SetCookie.format(Cookie.of("n", unescape(value))));
    }

    @Test
    void backquoteAndBarAreLegal() {
        assertEquals("n=`|", SetCookie.format(Cookie.of("n", "`|")));
    }

    @Test
    void attributesInMorselOrder() {
        // m['secure'] = True; m['path'] = '/'; m['max-age'] = 3600; m['expires'] = 'Sat, 21 Nov 2026 08:11:41 GMT';
        // m['httponly'] = True; m['domain'] = 'example.com'; m['samesite'] = 'Lax'
        Cookie c = Cookie.of("session_id", "ab").withSecure(true).withPath("/").withMaxAge(3600)
                .withExpires(Instant.parse("2026-11-21T08:11:41Z")).withHttpOnly(true).withDomain("example.com")
                .withSameSite("Lax");
        assertEquals("session_id=ab; Domain=example.com; expires=Sat, 21 Nov 2026 08:11:41 GMT; HttpOnly; "
                + "Max-Age=3600; Path=/; SameSite=Lax; Secure", SetCookie.format(c));
    }

    @Test
    void emptyAttributesAndFalseFlagsAreLeftOut() {
        // m['path'] = ''; m['max-age'] = 0; m['secure'] = False -> 'a=b; Max-Age=0'
        Cookie c = Cookie.of("a", "b").withPath("").withDomain("").withSameSite("").withMaxAge(0).withSecure(false);
        assertEquals("a=b; Max-Age=0", SetCookie.format(c));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-01-02T03:04:05Z | Fri, 02 Jan 2026 03:04:05 GMT
            1970-01-01T00:00:00Z | Thu, 01 Jan 1970 00:00:00 GMT
            2038-01-19T03:14:08Z | Tue, 19 Jan 2038 03:14:08 GMT
            """)
    void expiresAsHttpDate(String instant, String date) {
        // email.utils.formatdate(t, usegmt=True), which CherryPy's sessions put in 'expires'
        assertEquals("k=v; expires=" + date, SetCookie.format(Cookie.of("k", "v").withExpires(Instant.parse(instant))));
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
            } else if (s.charAt(i + 1) == 'x') {
                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else if (s.charAt(i + 1) == 't') {
                sb.append('\t');
                i++;
            } else {
                sb.append(s.charAt(++i));
            }
        }
        return sb.toString();
    }
}
