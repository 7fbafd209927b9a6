package org.cerise.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference: {@code cherrypy._cplogging.LogManager.access} and {@code LogManager.time}. Each
 * atom is escaped as {@code repr(v.replace('"', '\\"').encode('utf8'))[2:-1].replace('\\\\', '\\')};
 * the expected atoms are that expression's output in Python 3.11.
 */
class AccessLogTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 21, 4, 43, 15);

    // Python input | CherryPy's atom (the text block un-doubles the backslashes of both columns)
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain                               | plain
            `Mozilla/5.0 (X11; Linux x86_64)`   | `Mozilla/5.0 (X11; Linux x86_64)`
            `say "hi"`                          | `say \\"hi\\"`
            back\\\\slash                       | back\\slash
            it's                                | it's
            `it's "quoted"`                     | `it\\'s \\"quoted\\"`
            tab\\there                          | tab\\there
            new\\nline                          | new\\nline
            cr\\rlf                             | cr\\rlf
            nul\\x00                            | nul\\x00
            del\\x7f                            | del\\x7f
            bell\\x07                           | bell\\x07
            café                                | caf\\xc3\\xa9
            €                                   | \\xe2\\x82\\xac
            😀                                  | \\xf0\\x9f\\x98\\x80
            a\\\\"b                             | a\\\\"b
            \\\\'"                              | \\\\'\\"
            '                                   | '
            `"`                                 | \\"
            \\\\                                | \\
            \\\\\\\\                            | \\\\
            x\\\\n                              | x\\n
            '\\\\                               | '\\
            ``                                  | ``
            -                                   | -
            """)
    void atomEscapedAsCherryPy(String pythonInput, String expected) {
        StringBuilder sb = new StringBuilder();
        AccessLog.atom(sb, unescape(pythonInput));
        assertEquals(expected, sb.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-21T04:43:15 | [21/Nov/2026:04:43:15]
            2026-01-02T03:04:05 | [02/Jan/2026:03:04:05]
            2025-12-31T23:59:59 | [31/Dec/2025:23:59:59]
            2024-02-29T00:00:00 | [29/Feb/2024:00:00:00]
            """)
    void timeAsCherryPy(String when, String expected) {
        assertEquals(expected, AccessLog.time(LocalDateTime.parse(when)));
    }

    @Test
    void fullLine() {
        CoreResponse response = new CoreResponse();
        response.setStatus(200);
        response.setHeader("Content-Length", "1234");
        CoreRequest request = request(Map.of("Referer", "http://x/\"a\"", "User-Agent", "Mozilla \"X\""), response,
                "/app", "/caf\u00e9", "q=1");
        // '{h} {l} {u} {t} "{r}" {s} {b} "{f}" "{a}"'.format(**atoms) in Python
        assertEquals("127.0.0.1 - - [21/Nov/2026:04:43:15] \"GET /app/caf\\xc3\\xa9?q=1 HTTP/1.1\" 200 1234 "
                + "\"http://x/\\\"a\\\"\" \"Mozilla \\\"X\\\"\"", AccessLog.line(request, response, NOW));
    }

    @Test
    void absentValues() {
        // no login, no query string, Content-Length absent, no Referer or User-Agent
        CoreResponse response = new CoreResponse();
        response.setStatus(304);
        CoreRequest request = request(Map.of(), response, "", "/", "");
        assertEquals("127.0.0.1 - - [21/Nov/2026:04:43:15] \"GET / HTTP/1.1\" 304 - \"\" \"\"",
                AccessLog.line(request, response, NOW));
    }

    @Test
    void zeroContentLengthAndLogin() {
        // CherryPy stores len(content) as an int, so 0 is falsy and logged as '-'; an empty login too
        CoreResponse response = new CoreResponse();
        response.setStatus(204);
        response.setHeader("Content-Length", "0");
        CoreRequest request = request(Map.of(), response, "", "/x", "");
        request.setLogin("");
        assertEquals("127.0.0.1 - - [21/Nov/2026:04:43:15] \"GET /x HTTP/1.1\" 204 - \"\" \"\"",
                AccessLog.line(request, response, NOW));
        request.setLogin("jo \"the\" admin");
        assertEquals("127.0.0.1 - jo \\\"the\\\" admin [21/Nov/2026:04:43:15] \"GET /x HTTP/1.1\" 204 - \"\" \"\"",
                AccessLog.line(request, response, NOW));
    }

    /** Python's escapes in the first column: \\n, \\r, \\t, \\xhh and \\\\. */
    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'x': sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16)); i += 2; break;
                default: sb.append(e); break;
            }
        }
        return sb.toString();
    }

    private static CoreRequest request(Map<String, String> headers, CoreResponse response, String scriptName,
            String pathInfo, String queryString) {
        return new CoreRequest(StubServlet.request("HTTP/1.1", headers), response, "GET", scriptName, pathInfo,
                queryString, "app", null);
    }
}
