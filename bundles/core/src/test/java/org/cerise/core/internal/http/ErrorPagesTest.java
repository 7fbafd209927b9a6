package org.cerise.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.function.Function;

import org.cerise.api.HttpError;
import org.cerise.api.NotFound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reference: {@code cherrypy._cperror.get_error_page} (kwargs escaped with
 * {@code html.escape(v, quote=False)}, {@code template % kwargs}), {@code _be_ie_unfriendly}
 * with {@code _ie_friendly_error_sizes}, and {@code clean_headers}. Expected pages are Python's
 * output with the footer's {@code Powered by <a href="http://www.cherrypy.dev">CherryPy 18.8.0</a>}
 * replaced by Cerise's.
 */
class ErrorPagesTest {

    private static final Function<String, String> NO_TEMPLATES = location -> {
        throw new AssertionError("no template expected");
    };

    /** get_error_page(404, message="The path '/x' was not found.", traceback='Traceback <x> & y\n  at "z"') */
    private static final String PAGE_404 = """
            <!DOCTYPE html PUBLIC
            "-//W3C//DTD XHTML 1.0 Transitional//EN"
            "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
            <html>
            <head>
                <meta http-equiv="Content-Type" content="text/html; charset=utf-8"></meta>
                <title>404 Not Found</title>
                <style type="text/css">
                #powered_by {
                    margin-top: 20px;
                    border-top: 2px solid black;
                    font-style: italic;
                }

                #traceback {
                    color: red;
                }
                </style>
            </head>
                <body>
                    <h2>404 Not Found</h2>
                    <p>The path '/x' was not found.</p>
                    <pre id="traceback">Traceback &lt;x&gt; &amp; y
              at "z"</pre>
                <div id="powered_by">
                  <span>
                    Powered by Cerise %(version)s
                  </span>
                </div>
                </body>
            </html>
            """;

    @Test
    void defaultPageIsCherryPysTemplate() {
        byte[] page = ErrorPages.page(404, "Not Found", "The path '/x' was not found.", "Traceback <x> & y\n  at \"z\"",
                Map.of(), NO_TEMPLATES);
        assertEquals(PAGE_404.replace("%(version)s", ErrorPages.VERSION), new String(page, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            500 | Internal Server Error | The server encountered an unexpected condition which prevented it from fulfilling the request.
            404 | Not Found             | Nothing matches the given URI
            403 | Forbidden             | Request forbidden -- authorization will not help
            429 | Too Many Requests     | `The user has sent too many requests in a given amount of time ("rate limiting")`
            599 | ``                    | ``
            """)
    void noMessageMeansTheStatusMessage(int code, String reason, String message) {
        // get_error_page(code) with message=None uses valid_status(code)'s message
        String page = page(code, reason, null, null);
        assertTrue(page.contains("<title>" + (code + " " + reason) + "</title>"), page);
        assertTrue(page.contains("<p>" + message + "</p>"), page);
        assertTrue(page.contains("<pre id=\"traceback\"></pre>"), page);
    }

    @Test
    void statusMessageAndTracebackAreEscapedWithoutQuotes() {
        // get_error_page("418 I'm <a> teapot", message='"<b>" & \'c\'', traceback='<tb>')
        String page = page(418, "I'm <a> teapot", "\"<b>\" & 'c'", "<tb>");
        assertTrue(page.contains("<title>418 I'm &lt;a&gt; teapot</title>"), page);
        assertTrue(page.contains("<h2>418 I'm &lt;a&gt; teapot</h2>"), page);
        assertTrue(page.contains("<p>\"&lt;b&gt;\" &amp; 'c'</p>"), page);
        assertTrue(page.contains("<pre id=\"traceback\">&lt;tb&gt;</pre>"), page);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain              | plain
            a&b                | a&amp;b
            <x>                | &lt;x&gt;
            `say "hi"`         | `say "hi"`
            it's               | it's
            &amp;              | &amp;amp;
            ``                 | ``
            """)
    void escapeAsHtmlEscapeWithoutQuote(String text, String escaped) {
        assertEquals(escaped, ErrorPages.escape(text));
    }

    @Test
    void customTemplate() {
        // template '<h1>%(status)s</h1><p>%(message)s</p><pre>%(traceback)s</pre><i>%(version)s</i> 100%%'
        String template = "<h1>%(status)s</h1><p>%(message)s</p><pre>%(traceback)s</pre><i>%(version)s</i> 100%%";
        byte[] page = ErrorPages.page(404, "Not Found", "Nothing <here> & 'there'", "T<b>", Map.of("404", "t.html"),
                location -> {
                    assertEquals("t.html", location);
                    return template;
                });
        assertEquals("<h1>404 Not Found</h1><p>Nothing &lt;here&gt; &amp; 'there'</p><pre>T&lt;b&gt;</pre><i>"
                + ErrorPages.VERSION + "</i> 100%", new String(page, StandardCharsets.UTF_8));
    }

    @Test
    void defaultTemplateServesEveryStatus() {
        // error_page.default; get_error_page(500) -> the status's own message
        byte[] page = ErrorPages.page(500, "Internal Server Error", null, null, Map.of("default", "d.html"),
                location -> "<h1>%(status)s</h1><p>%(message)s</p><pre>%(traceback)s</pre>");
        assertEquals("<h1>500 Internal Server Error</h1><p>The server encountered an unexpected condition which "
                + "prevented it from fulfilling the request.</p><pre></pre>", new String(page, StandardCharsets.UTF_8));
    }

    @Test
    void templateForTheCodeWinsOverDefault() {
        byte[] page = ErrorPages.page(404, "Not Found", null, null, Map.of("default", "d.html", "404", "404.html"),
                location -> location + ":%(status)s");
        assertEquals("404.html:404 Not Found", new String(page, StandardCharsets.UTF_8));
    }

    @Test
    void missingTemplateKeepsCherryPysPageAndSaysWhy() {
        // Python appends '<br />In addition, the custom error page failed:\n<br />' and the exception's
        // last line ("FileNotFoundError: [Errno 2] ..."); Cerise names the Java exception
        String page = new String(ErrorPages.page(404, "Not Found", "Nothing <here>", null,
                Map.of("404", "/nonexistent/tpl.html"), location -> {
                    throw new UncheckedIOException(new NoSuchFileException(location));
                }), StandardCharsets.UTF_8);
        assertTrue(page.contains("<p>Nothing &lt;here&gt;<br />In addition, the custom error page failed:\n<br />"
                + "java.nio.file.NoSuchFileException: /nonexistent/tpl.html</p>"), page);
        assertTrue(page.contains("<title>404 Not Found</title>"), page);
    }

    @Test
    void missingTemplateWithEmptyMessage() {
        // 'if m: m += "<br />"': no <br /> before the note when the message is empty
        String page = new String(ErrorPages.page(599, "", null, null, Map.of("default", "x"), location -> {
            throw new IllegalStateException("gone");
        }), StandardCharsets.UTF_8);
        assertTrue(page.contains("<p>In addition, the custom error page failed:\n<br />"
                + "java.lang.IllegalStateException: gone</p>"), page);
    }

    /**
     * CherryPy formats the template outside its try block, so a bad key raises KeyError out of
     * get_error_page; Cerise checks the template first and falls back to its own page with the note.
     */
    @ParameterizedTest
    @ValueSource(strings = {"<h1>%(status)s</h1>%(nope)s", "%(status)d", "100%", "%s", "%(status"})
    void templateThatDoesNotFormatFallsBackWithANote(String template) {
        String page = new String(ErrorPages.page(404, "Not Found", "m", null, Map.of("404", "t"), l -> template),
                StandardCharsets.UTF_8);
        assertTrue(page.contains("<p>m<br />In addition, the custom error page failed:\n<br />"
                + "java.lang.IllegalArgumentException: "), page);
        assertTrue(page.contains("<title>404 Not Found</title>"), page);
    }

    @Test
    void formatKeys() {
        assertEquals("s|m|t|" + ErrorPages.VERSION + "|%|%(", ErrorPages.format("%(status)s|%(message)s|%(traceback)s|"
                + "%(version)s|%%|%%(", "s", "m", "t"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ErrorPages.format("%(nope)s", "s", "m", "t"));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    /** _ie_friendly_error_sizes: pages shorter than size + 1 are padded with spaces to size + 1. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | 513
            403 | 257
            404 | 513
            405 | 257
            406 | 513
            408 | 513
            409 | 513
            410 | 257
            500 | 513
            501 | 513
            505 | 513
            401 | 1
            402 | 1
            407 | 1
            411 | 1
            418 | 1
            502 | 1
            503 | 1
            504 | 1
            599 | 1
            """)
    void shortPagesArePaddedForInternetExplorer(int code, int length) {
        byte[] padded = ErrorPages.pad(code, new byte[] {'x'});
        assertEquals(length, padded.length);
        assertEquals('x', padded[0]);
        for (int i = 1; i < padded.length; i++) {
            assertEquals(' ', padded[i]);
        }
    }

    @Test
    void paddingBoundaries() {
        // 'if content_length and content_length < s'
        assertEquals(0, ErrorPages.pad(404, new byte[0]).length);
        assertEquals(513, ErrorPages.pad(404, new byte[512]).length);
        byte[] exact = new byte[513];
        assertArrayEquals(exact, ErrorPages.pad(404, exact));
        assertEquals(700, ErrorPages.pad(404, new byte[700]).length);
        assertEquals(257, ErrorPages.pad(403, new byte[256]).length);
        assertEquals(257, ErrorPages.pad(403, new byte[257]).length);
    }

    @Test
    void applyCleansHeadersAndSetsThePage() {
        CoreRequest request = StubServlet.coreRequest("HTTP/1.1", Map.of(), "/app", "/x", "");
        CoreResponse response = request.coreResponse();
        for (String h : new String[] {"Accept-Ranges", "Age", "ETag", "Location", "Retry-After", "Vary",
            "Content-Encoding", "Content-Length", "Expires", "Content-Location", "Content-MD5", "Last-Modified",
            "Content-Range", "Allow", "X-Kept"}) {
            response.setHeader(h, "v");
        }
        ErrorPages.apply(request, new NotFound(), null, NO_TEMPLATES, null);
        assertEquals(404, response.status());
        assertEquals("Not Found", response.reason());
        for (String h : new String[] {"Accept-Ranges", "Age", "ETag", "Location", "Retry-After", "Vary",
            "Content-Encoding", "Expires", "Content-Location", "Content-MD5", "Last-Modified", "Content-Range"}) {
            assertNull(response.header(h), h);
        }
        assertEquals("v", response.header("Allow"));
        assertEquals("v", response.header("X-Kept"));
        assertEquals("text/html;charset=utf-8", response.header("Content-Type"));
        byte[] body = (byte[]) response.body();
        assertEquals(String.valueOf(body.length), response.header("Content-Length"));
        // NotFound's message, as cherrypy.NotFound: "The path '%s' was not found." % (script_name + path_info)
        assertTrue(new String(body, StandardCharsets.UTF_8).contains("<p>The path '/app/x' was not found.</p>"));
    }

    @Test
    void applyKeepsContentRangeFor416() {
        CoreRequest request = StubServlet.coreRequest("HTTP/1.1", Map.of(), "", "/x", "");
        request.coreResponse().setHeader("Content-Range", "bytes */10");
        ErrorPages.apply(request, new HttpError(416), null, NO_TEMPLATES, null);
        assertEquals("bytes */10", request.coreResponse().header("Content-Range"));
    }

    @Test
    void applyShowsTheTraceback() {
        CoreRequest request = StubServlet.coreRequest("HTTP/1.1", Map.of(), "", "/x", "");
        ErrorPages.apply(request, new HttpError(500), new IllegalStateException("<boom>"), NO_TEMPLATES, null);
        String page = new String((byte[]) request.coreResponse().body(), StandardCharsets.UTF_8);
        assertTrue(page.contains("<pre id=\"traceback\">java.lang.IllegalStateException: &lt;boom&gt;\n"), page);
    }

    private static String page(int code, String reason, String message, String traceback) {
        return new String(ErrorPages.page(code, reason, message, traceback, Map.of(), NO_TEMPLATES),
                StandardCharsets.UTF_8);
    }
}
