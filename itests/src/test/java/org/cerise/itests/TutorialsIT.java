package org.cerise.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * CherryPy tutorials 1-4, as the example bundles serve them. Every expectation was observed on
 * CherryPy 18.8 (Debian python3-cherrypy3, /work/shared/cherrypy/reference_server.py) unless
 * a comment says otherwise.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TutorialsIT extends CeriseTestSupport {

    // ---------------------------------------------------------------- tutorial 1

    @Test
    public void tut01IndexSaysHelloWorld() throws Exception {
        // CherryPy 18.8: 200 OK, Content-Type: text/html;charset=utf-8, Content-Length: 12, "Hello world!"
        RawResponse r = raw("GET /tut01/ HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\nConnection: close\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK", r.statusLine);
        assertEquals("text/html;charset=utf-8", r.header("Content-Type"));
        assertEquals("12", r.header("Content-Length"));
        assertEquals("Hello world!", r.text());
    }

    @Test
    public void tut01WithoutTrailingSlashRedirectsPermanently() throws Exception {
        // CherryPy 18.8: 301 Moved Permanently, absolute Location, and this HTML note as body
        String target = url("/tut01/");
        HttpResponse<String> r = get("/tut01");
        assertEquals(301, r.statusCode());
        assertEquals(target, r.headers().firstValue("Location").orElse(null));
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        String body = "This resource has permanently moved to <a href=\"" + target + "\">" + target + "</a>.";
        assertEquals(body, r.body());
        assertEquals(String.valueOf(body.length()), r.headers().firstValue("Content-Length").orElse(null));

        RawResponse line = raw("GET /tut01 HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\nConnection: close\r\n\r\n");
        assertEquals("HTTP/1.1 301 Moved Permanently", line.statusLine);
    }

    @Test
    public void tut01RedirectKeepsTheQueryString() throws Exception {
        // CherryPy 18.8: Location: http://127.0.0.1:8181/tut01/?a=1&b=2, the body escapes & as &amp;
        HttpResponse<String> r = get("/tut01?a=1&b=2");
        assertEquals(301, r.statusCode());
        assertEquals(url("/tut01/?a=1&b=2"), r.headers().firstValue("Location").orElse(null));
        String escaped = url("/tut01/?a=1&amp;b=2");
        assertEquals("This resource has permanently moved to <a href=\"" + escaped + "\">" + escaped + "</a>.", r.body());
    }

    // ---------------------------------------------------------------- tutorial 2

    @Test
    public void tut02GenerateAnswersEightHexDigits() throws Exception {
        // CherryPy 18.8: 200, text/html;charset=utf-8, Content-Length: 8, e.g. "cdfaAF73"
        HttpResponse<String> r = get("/tut02/generate");
        assertEquals(200, r.statusCode());
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        assertEquals("8", r.headers().firstValue("Content-Length").orElse(null));
        assertRandomHex(r.body(), 8);
        assertEquals("Hello world!", get("/tut02/").body());
    }

    @Test
    public void tut02GenerateWithTrailingSlashIsServedToo() throws Exception {
        // CherryPy 18.8: /tut02/generate/ answers 200 with 8 characters (no redirect)
        HttpResponse<String> r = get("/tut02/generate/");
        assertEquals(200, r.statusCode());
        assertRandomHex(r.body(), 8);
    }

    // ---------------------------------------------------------------- tutorial 3

    @Test
    public void tut03LengthFromTheQueryString() throws Exception {
        HttpResponse<String> r = get("/tut03/generate?length=16");
        assertEquals(200, r.statusCode());
        assertEquals("16", r.headers().firstValue("Content-Length").orElse(null));
        assertRandomHex(r.body(), 16);
    }

    @Test
    public void tut03LengthFromThePath() throws Exception {
        // CherryPy 18.8: a leftover path segment is passed positionally: generate('16')
        HttpResponse<String> r = get("/tut03/generate/16");
        assertEquals(200, r.statusCode());
        assertRandomHex(r.body(), 16);
    }

    @Test
    public void tut03LengthDefaultsToEight() throws Exception {
        HttpResponse<String> r = get("/tut03/generate");
        assertEquals(200, r.statusCode());
        assertRandomHex(r.body(), 8);
    }

    @Test
    public void tut03LengthThatIsNotANumberIs500() throws Exception {
        // CherryPy 18.8: int('abc') raises ValueError -> 500 Internal Server Error page.
        assertErrorPage(get("/tut03/generate?length=abc"), 500, "500 Internal Server Error", MESSAGE_500);
    }

    @Test
    public void tut03LengthAboveTheAlphabetIs500() throws Exception {
        // CherryPy 18.8: random.sample of 23 out of 22 hexdigits raises ValueError -> 500
        assertErrorPage(get("/tut03/generate?length=23"), 500, "500 Internal Server Error", MESSAGE_500);
    }

    @Test
    public void tut03TooManyPathSegmentsIs404() throws Exception {
        // CherryPy 18.8: 404 Not Found, <p>Nothing matches the given URI</p>
        assertErrorPage(get("/tut03/generate/16/3"), 404, "404 Not Found", "Nothing matches the given URI");
    }

    @Test
    public void tut03UnexpectedQueryParameterIs404() throws Exception {
        // CherryPy 18.8: 404 Not Found, <p>Unexpected query string parameters: foo</p>
        assertErrorPage(get("/tut03/generate?length=4&foo=1"), 404, "404 Not Found",
                "Unexpected query string parameters: foo");
    }

    @Test
    public void tut03LengthFromPathAndQueryIs404() throws Exception {
        // CherryPy 18.8: 404 Not Found, <p>Multiple values for parameters: length</p>
        assertErrorPage(get("/tut03/generate/16?length=3"), 404, "404 Not Found",
                "Multiple values for parameters: length");
    }

    // ---------------------------------------------------------------- tutorial 4

    /** The index page of tutorial 4, byte for byte as CherryPy 18.8 serves it (269 bytes). */
    private static final String TUT04_FORM = "<html>\n"
            + "          <head></head>\n"
            + "          <body>\n"
            + "            <form method=\"get\" action=\"generate\">\n"
            + "              <input type=\"text\" value=\"8\" name=\"length\" />\n"
            + "              <button type=\"submit\">Give it now!</button>\n"
            + "            </form>\n"
            + "          </body>\n"
            + "        </html>";

    @Test
    public void tut04IndexIsTheForm() throws Exception {
        HttpResponse<String> r = get("/tut04/");
        assertEquals(200, r.statusCode());
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        assertEquals("269", r.headers().firstValue("Content-Length").orElse(null));
        assertEquals(TUT04_FORM, r.body());
    }

    @Test
    public void tut04FormSubmittedWithGet() throws Exception {
        HttpResponse<String> r = get("/tut04/generate?length=5");
        assertEquals(200, r.statusCode());
        assertRandomHex(r.body(), 5);
    }

    @Test
    public void tut04FormPostedUrlencoded() throws Exception {
        HttpResponse<String> r = post("/tut04/generate", "application/x-www-form-urlencoded", "length=12");
        assertEquals(200, r.statusCode());
        assertEquals("12", r.headers().firstValue("Content-Length").orElse(null));
        assertRandomHex(r.body(), 12);
    }

    @Test
    public void tut04UnexpectedBodyParameterIs400() throws Exception {
        // CherryPy 18.8: 400 Bad Request, <p>Unexpected body parameters: bar</p>
        HttpResponse<String> r = post("/tut04/generate", "application/x-www-form-urlencoded", "length=12&bar=2");
        assertErrorPage(r, 400, "400 Bad Request", "Unexpected body parameters: bar");
    }

    @Test
    public void tut04FormPostedAsMultipart() throws Exception {
        // CherryPy 18.8 (curl -F length=7): 200 with 7 characters
        HttpResponse<String> r = post("/tut04/generate", "multipart/form-data; boundary=" + BOUNDARY,
                multipart("length", "7"));
        assertEquals(200, r.statusCode());
        assertRandomHex(r.body(), 7);
    }

    @Test
    public void tut04UnexpectedMultipartParameterIs400() throws Exception {
        // CherryPy 18.8 (curl -F length=7 -F zz=1): 400, <p>Unexpected body parameters: zz</p>
        HttpResponse<String> r = post("/tut04/generate", "multipart/form-data; boundary=" + BOUNDARY,
                multipart("length", "7", "zz", "1"));
        assertErrorPage(r, 400, "400 Bad Request", "Unexpected body parameters: zz");
    }

    /** CherryPy 18.8's session cookie (tutorial 5 on the reference server). */
    private static final java.util.regex.Pattern SESSION_COOKIE = java.util.regex.Pattern.compile(
            "session_id=([0-9a-f]{40}); expires=\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT; Max-Age=3600; Path=/");

    private static String sessionId(HttpResponse<String> r) {
        String cookie = r.headers().firstValue("Set-Cookie").orElse("");
        java.util.regex.Matcher m = SESSION_COOKIE.matcher(cookie);
        assertTrue("a session cookie as CherryPy sets it: " + cookie, m.matches());
        return m.group(1);
    }

    @Test
    public void tut05IndexIsTheFormWithASessionCookie() throws Exception {
        HttpResponse<String> r = get("/tut05/");
        assertEquals(200, r.statusCode());
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        assertTrue(r.body(), r.body().contains("<form method=\"get\" action=\"generate\">"));
        sessionId(r);
    }

    @Test
    public void tut05DisplayShowsWhatGenerateKeptInTheSession() throws Exception {
        HttpResponse<String> generated = get("/tut05/generate?length=12");
        assertEquals(200, generated.statusCode());
        assertTrue(generated.body(), generated.body().matches("[0-9a-fA-F]{12}"));
        String id = sessionId(generated);
        HttpResponse<String> displayed = send(HttpRequest.newBuilder(URI.create(url("/tut05/display")))
                .header("Cookie", "session_id=" + id));
        assertEquals(200, displayed.statusCode());
        assertEquals(generated.body(), displayed.body());
        assertEquals("the same session keeps its id", id, sessionId(displayed));
    }

    @Test
    public void tut05DisplayWithoutASessionValueIsTheTutorialsKeyError() throws Exception {
        // CherryPy 18.8: session['mystring'] raises KeyError: 500 with a new session cookie
        HttpResponse<String> r = get("/tut05/display");
        assertErrorPage(r, 500, "500 Internal Server Error", MESSAGE_500);
        assertTrue(r.body(), r.body().contains("KeyError: &#39;mystring&#39;") || r.body().contains("KeyError: 'mystring'"));
        sessionId(r);
    }

    @Test
    public void tut05SessionsOfTwoClientsAreApart() throws Exception {
        String first = sessionId(get("/tut05/generate?length=4"));
        HttpResponse<String> second = get("/tut05/generate?length=6");
        HttpResponse<String> displayed = send(HttpRequest.newBuilder(URI.create(url("/tut05/display")))
                .header("Cookie", "session_id=" + first));
        assertEquals(4, displayed.body().length());
        assertTrue(!first.equals(sessionId(second)));
    }

    // ---------------------------------------------------------------- helpers

    private static final String BOUNDARY = "----cerise-itests-7d2f0b";

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** A multipart/form-data body of plain fields, as a browser sends it. */
    private static String multipart(String... namesAndValues) {
        assertTrue(namesAndValues.length % 2 == 0);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            s.append("--").append(BOUNDARY).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(namesAndValues[i]).append("\"\r\n\r\n")
                    .append(namesAndValues[i + 1]).append("\r\n");
        }
        return s.append("--").append(BOUNDARY).append("--\r\n").toString();
    }
}
