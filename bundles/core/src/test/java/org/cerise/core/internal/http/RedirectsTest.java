package org.cerise.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.cerise.api.HttpRedirect;
import org.cerise.api.serving.Serving;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference: {@code cherrypy.HTTPRedirect(urls, status).set_response()} for a request with
 * base {@code http://127.0.0.1:8080}, script_name {@code /app}, path_info {@code /a/b}; and
 * {@code xml.sax.saxutils.quoteattr}.
 */
class RedirectsTest {

    @AfterEach
    void unbind() {
        Serving.clear();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            x                      | 303 | http://127.0.0.1:8080/app/a/x          | `This resource can be found at <a href="http://127.0.0.1:8080/app/a/x">http://127.0.0.1:8080/app/a/x</a>.`
            x                      | 301 | http://127.0.0.1:8080/app/a/x          | `This resource has permanently moved to <a href="http://127.0.0.1:8080/app/a/x">http://127.0.0.1:8080/app/a/x</a>.`
            /abs                   | 302 | http://127.0.0.1:8080/abs              | `This resource resides temporarily at <a href="http://127.0.0.1:8080/abs">http://127.0.0.1:8080/abs</a>.`
            http://other/y?a=1&b=2 | 307 | http://other/y?a=1&b=2                 | `This resource has moved temporarily to <a href="http://other/y?a=1&amp;b=2">http://other/y?a=1&amp;b=2</a>.`
            `q?a=1&b="2"`          | 308 | `http://127.0.0.1:8080/app/a/q?a=1&b="2"` | `This resource has been moved to <a href='http://127.0.0.1:8080/app/a/q?a=1&amp;b="2"'>http://127.0.0.1:8080/app/a/q?a=1&amp;b="2"</a>.`
            `it's <here>`          | 303 | `http://127.0.0.1:8080/app/a/it's <here>` | `This resource can be found at <a href="http://127.0.0.1:8080/app/a/it's &lt;here&gt;">http://127.0.0.1:8080/app/a/it's &lt;here&gt;</a>.`
            ``                     | 303 | http://127.0.0.1:8080/app/a/b          | `This resource can be found at <a href="http://127.0.0.1:8080/app/a/b">http://127.0.0.1:8080/app/a/b</a>.`
            """)
    void redirectBody(String url, int status, String location, String body) {
        CoreResponse response = redirect("HTTP/1.1", new HttpRedirect(url, status));
        assertEquals(status, response.status());
        assertEquals(location, response.header("Location"));
        assertEquals("text/html;charset=utf-8", response.header("Content-Type"));
        assertNull(response.header("Content-Length"));
        assertEquals("x", response.header("ETag"));
        assertEquals(body, new String((byte[]) response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void severalUrls() {
        CoreResponse response = redirect("HTTP/1.1", new HttpRedirect(List.of("x", "/y"), 300));
        assertEquals("http://127.0.0.1:8080/app/a/x", response.header("Location"));
        assertEquals("This resource can be found at <a href=\"http://127.0.0.1:8080/app/a/x\">"
                + "http://127.0.0.1:8080/app/a/x</a>.<br />\nThis resource can be found at "
                + "<a href=\"http://127.0.0.1:8080/y\">http://127.0.0.1:8080/y</a>.",
                new String((byte[]) response.body(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            HTTP/1.1 | 303
            HTTP/1.0 | 302
            """)
    void defaultStatusFollowsTheProtocol(String protocol, int status) {
        assertEquals(status, redirect(protocol, new HttpRedirect("x")).status());
    }

    @Test
    void notModifiedDropsTheEntityHeaders() {
        // 304: Content-Type, Content-Length and the other entity headers go, ETag stays, no body
        CoreResponse response = redirect("HTTP/1.1", new HttpRedirect("x", 304));
        assertEquals(304, response.status());
        assertNull(response.header("Content-Type"));
        assertNull(response.header("Content-Length"));
        assertNull(response.header("Location"));
        assertEquals("x", response.header("ETag"));
        assertNull(response.body());
    }

    @Test
    void useProxySetsOnlyLocation() {
        // 305: Location, Content-Type left as it was, no body
        CoreResponse response = redirect("HTTP/1.1", new HttpRedirect("x", 305));
        assertEquals(305, response.status());
        assertEquals("http://127.0.0.1:8080/app/a/x", response.header("Location"));
        assertEquals("text/plain", response.header("Content-Type"));
        assertNull(response.header("Content-Length"));
        assertNull(response.body());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain               | "plain"
            a&b                 | "a&amp;b"
            <x>                 | "&lt;x&gt;"
            `say "hi"`          | `'say "hi"'`
            it's                | "it's"
            `both ' and "`      | `"both ' and &quot;"`
            tab\\there          | "tab&#9;here"
            new\\nline          | "new&#10;line"
            cr\\rx              | "cr&#13;x"
            ``                  | `""`
            &amp;               | "&amp;amp;"
            """)
    void quoteAttrAsSaxutils(String text, String quoted) {
        String s = text.replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r");
        assertEquals(quoted, Redirects.quoteAttr(s));
    }

    private static CoreResponse redirect(String protocol, HttpRedirect redirect) {
        CoreRequest request = StubServlet.coreRequest(protocol, Map.of("Host", "127.0.0.1:8080"), "/app", "/a/b", "");
        CoreResponse response = request.coreResponse();
        response.setHeader("Content-Length", "99");
        response.setHeader("Content-Type", "text/plain");
        response.setHeader("ETag", "x");
        Serving.bind(request);
        Redirects.apply(request, redirect);
        return response;
    }
}
