package org.cerise.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * Tutorials 6, 8, 9 and 10 in the container over real HTTP: the pages, the files the staticdir
 * tool serves from each app's bundle (stylesheets, and every script the pages load: nothing
 * comes from a CDN), the generator's verbs with a cookie-keeping client, and tutorial 9's
 * database, read directly through H2's {@code DataSourceFactory}, with its table made and
 * dropped by the engine's {@code start} and {@code stop} channels as the bundle comes and goes.
 * Every expectation on the answers was observed on CherryPy 18.8 (the reference server,
 * /work/shared/cherrypy/reference_server.py, hosts tutorials 6, 8 and 9 as the tutorials write
 * them; compare with tools/compare_with_cherrypy.py).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebTutorialsIT extends CeriseTestSupport {

    private static final String ALLOW = "DELETE, GET, HEAD, POST, PUT";
    private static final String TUT06_CSS = "body {\n  background-color: blue;\n}\n";
    private static final String TUT08_CSS = "body {\n  background-color: blue;\n}\n\n#the-string {\n  display: none;\n}\n";
    private static final Pattern LOADED = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    /** A browser: cookies kept between requests. */
    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Before
    public void awaitWebTutorials() throws Exception {
        for (String path : new String[] {"/tut06/", "/tut08/", "/tut09/", "/tut10/"}) {
            await(path, r -> r.statusCode() == 200, BOOT_DEADLINE);
        }
    }

    // ------------------------------------------------------------------ tutorial 6

    @Test
    public void tut06PageLinksItsStylesheet() throws Exception {
        HttpResponse<String> page = get("/tut06/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElse(null));
        assertTrue(page.body(), page.body().contains("<link href=\"static/css/style.css\" rel=\"stylesheet\">"));
        // sessions are on for the whole app, as in the tutorial's config
        assertTrue(page.headers().firstValue("Set-Cookie").orElse("").matches("session_id=[0-9a-f]{40}; expires=.*; Max-Age=3600; Path=/"));

        HttpResponse<String> css = get("/tut06/static/css/style.css");
        assertEquals(200, css.statusCode());
        assertEquals(TUT06_CSS, css.body());
        assertEquals("text/css", css.headers().firstValue("Content-Type").orElse(null));
        assertEquals("35", css.headers().firstValue("Content-Length").orElse(null));
        assertEquals("bytes", css.headers().firstValue("Accept-Ranges").orElse(null));
        assertTrue("Last-Modified", css.headers().firstValue("Last-Modified").isPresent());
    }

    @Test
    public void tut06StylesheetAnswersConditionalAndRangeRequests() throws Exception {
        // CherryPy's validate_since: 304 when If-Modified-Since is the Last-Modified sent, and
        // only then (a later date is not "not modified" for CherryPy 18.8)
        String lastModified = get("/tut06/static/css/style.css").headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> notModified = send(HttpRequest.newBuilder(URI.create(url("/tut06/static/css/style.css")))
                .header("If-Modified-Since", lastModified));
        assertEquals(304, notModified.statusCode());
        assertEquals("", notModified.body());
        HttpResponse<String> later = send(HttpRequest.newBuilder(URI.create(url("/tut06/static/css/style.css")))
                .header("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT"));
        assertEquals(200, later.statusCode());

        HttpResponse<String> range = send(HttpRequest.newBuilder(URI.create(url("/tut06/static/css/style.css")))
                .header("Range", "bytes=0-3"));
        assertEquals(206, range.statusCode());
        assertEquals("body", range.body());
        assertEquals("bytes 0-3/35", range.headers().firstValue("Content-Range").orElse(null));

        RawResponse head = raw("HEAD /tut06/static/css/style.css HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK", head.statusLine);
        assertEquals("35", head.header("Content-Length"));
    }

    @Test
    public void tut06StaticMissesAre404() throws Exception {
        // CherryPy 18.8: a folder, the static root itself and a missing file are not served
        for (String path : new String[] {"/tut06/static/nope.css", "/tut06/static/css/", "/tut06/static"}) {
            HttpResponse<String> r = get(path);
            assertErrorPage(r, 404, "404 Not Found", "The path '" + path + "' was not found.");
        }
        // the bundle's other entries (classes, the config file) are outside public/: CherryPy's
        // 403 for a path that climbs out of the static folder
        for (String path : new String[] {"/tut06/static/../tut06.conf", "/tut06/static/%2e%2e/tut06.conf"}) {
            RawResponse r = raw("GET " + path + " HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
            assertEquals(path, "HTTP/1.1 403 Forbidden", r.statusLine);
            assertFalse(path, new String(r.body, StandardCharsets.ISO_8859_1).contains("tools.sessions.on"));
        }
        assertEquals(200, raw("GET /tut06/static/css/../css/style.css HTTP/1.1\r\n" + host()
                + "Connection: close\r\n\r\n").status);
    }

    @Test
    public void tut06GenerateAndDisplayKeepTheStringInTheSession() throws Exception {
        HttpResponse<String> generated = call("GET", "/tut06/generate?length=12", null);
        assertEquals(200, generated.statusCode());
        assertRandomHex(generated.body(), 12);
        assertEquals(generated.body(), call("GET", "/tut06/display", null).body());
    }

    // ------------------------------------------------------------------ tutorials 8, 9, 10: pages and scripts

    @Test
    public void tut08PageIsItsIndexHtmlAndEverythingItLoadsIsServedByTheApp() throws Exception {
        assertPageAndItsFiles("/tut08/", "org.cerise.examples.tut08", List.of("static/css/style.css",
                "static/lib/jquery/2.0.3/jquery.min.js"));
        assertEquals(TUT08_CSS, get("/tut08/static/css/style.css").body());
    }

    @Test
    public void tut09PageIsItsIndexHtmlAndEverythingItLoadsIsServedByTheApp() throws Exception {
        assertPageAndItsFiles("/tut09/", "org.cerise.examples.tut09", List.of("static/css/style.css",
                "static/lib/jquery/2.0.3/jquery.min.js"));
    }

    @Test
    public void tut10PageLoadsReactJqueryBabelAndGenJsFromTheApp() throws Exception {
        assertPageAndItsFiles("/tut10/", "org.cerise.examples.tut10", List.of("static/css/style.css",
                "static/lib/react/0.13.1/react.js", "static/lib/jquery/2.1.1/jquery.min.js",
                "static/lib/babel-standalone/6.26.0/babel.min.js", "static/js/gen.js"));
        String gen = get("/tut10/static/js/gen.js").body();
        assertTrue("the tutorial's JSX, compiled by Babel in the browser", gen.contains("<StringGeneratorBox url=\"generator\" />"));
        assertTrue(get("/tut10/static/lib/react/0.13.1/react.js").body().contains("React v0.13.1"));
    }

    // ------------------------------------------------------------------ the generators

    @Test
    public void tut08GeneratorKeepsTheStringInTheSession() throws Exception {
        // before any POST: Python's KeyError, CherryPy's 500, with Allow
        HttpResponse<String> r = call("GET", "/tut08/generator", null);
        assertErrorPage(r, 500, "500 Internal Server Error", MESSAGE_500);
        assertEquals(ALLOW, r.headers().firstValue("Allow").orElse(null));

        String generated = post("/tut08/generator", "length=8");
        assertEquals(generated, plainGet("/tut08/generator"));
        assertEmpty200(call("PUT", "/tut08/generator", "another_string=hello"));
        assertEquals("hello", plainGet("/tut08/generator"));
        assertEmpty200(call("DELETE", "/tut08/generator", null));
        assertEquals(500, call("GET", "/tut08/generator", null).statusCode());

        r = browser.send(HttpRequest.newBuilder(URI.create(url("/tut08/generator"))).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(406, r.statusCode());
        RawResponse options = raw("OPTIONS /tut08/generator HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
        assertEquals("HTTP/1.1 405 Method Not Allowed", options.statusLine);
        assertEquals(ALLOW, options.header("Allow"));
    }

    @Test
    public void tut09GeneratorKeepsTheStringInTheDatabase() throws Exception {
        // before any POST: no row, an empty 200 (the tutorial's fetchone() is None)
        HttpResponse<String> r = call("GET", "/tut09/generator", null);
        assertEmpty200(r);
        assertEquals("text/plain;charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        String session = sessionId();

        String generated = post("/tut09/generator", "length=16");
        assertEquals(16, generated.length());
        assertEquals(List.of(generated), rows("org.cerise.examples.tut09", session));
        assertEquals(generated, plainGet("/tut09/generator"));

        assertEmpty200(call("PUT", "/tut09/generator", "another_string=hello"));
        assertEquals(List.of("hello"), rows("org.cerise.examples.tut09", session));
        assertEquals("hello", plainGet("/tut09/generator"));

        assertEmpty200(call("DELETE", "/tut09/generator", null));
        assertEquals(List.of(), rows("org.cerise.examples.tut09", session));
        assertEmpty200(call("GET", "/tut09/generator", null));
        assertEquals("the session was kept all along", session, sessionId());

        // a length Python's int() refuses: CherryPy's 500
        assertErrorPage(call("POST", "/tut09/generator", "length=abc"), 500, "500 Internal Server Error", MESSAGE_500);
    }

    @Test
    public void tut10GeneratorIsTutorial9sOnItsOwnDatabase() throws Exception {
        String generated = post("/tut10/generator", "length=8");
        String session = sessionId();
        assertEquals(List.of(generated), rows("org.cerise.examples.tut10", session));
        assertEquals("tutorial 9's table is another one", List.of(), rows("org.cerise.examples.tut09", session));
        assertEmpty200(call("PUT", "/tut10/generator", "another_string=cerise42"));
        assertEquals("cerise42", plainGet("/tut10/generator"));
        assertEmpty200(call("DELETE", "/tut10/generator", null));
        assertEquals(List.of(), rows("org.cerise.examples.tut10", session));
    }

    /**
     * The tutorial's {@code engine.subscribe('start', setup_database)} and {@code ('stop',
     * cleanup_database)}: the table exists while the app's bundle is active in the started
     * engine, is dropped when the bundle stops, and made again, empty, when it starts.
     */
    @Test
    public void tut09TableIsMadeOnStartAndDroppedOnStop() throws Exception {
        post("/tut09/generator", "length=8");
        Bundle tut09 = bundle("org.cerise.examples.tut09");
        assertTrue(tableExists(tut09));
        tut09.stop();
        try {
            assertFalse("stop dropped user_string", tableExists(tut09));
        } finally {
            tut09.start();
        }
        await("/tut09/", r -> r.statusCode() == 200, MOUNT_DEADLINE);
        assertTrue("start made user_string again", tableExists(tut09));
        assertEmpty200(call("GET", "/tut09/generator", null));
        assertEquals(8, post("/tut09/generator", "length=8").length());
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The page is the bundle's index.html byte for byte, as text/html;charset=utf-8, and every
     * file it loads (src, href) is relative and served by the app with a 200.
     */
    private void assertPageAndItsFiles(String path, String bsn, List<String> expected) throws Exception {
        HttpResponse<String> page = get(path);
        assertEquals(200, page.statusCode());
        assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElse(null));
        URL entry = bundle(bsn).getEntry("index.html");
        assertNotNull(entry);
        try (InputStream in = entry.openStream()) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), page.body());
        }
        List<String> loaded = new ArrayList<>();
        Matcher m = LOADED.matcher(page.body());
        while (m.find()) {
            loaded.add(m.group(1));
        }
        assertEquals(expected, loaded);
        for (String file : loaded) {
            assertFalse("no CDN: " + file, file.contains("//"));
            HttpResponse<String> r = get(path + file);
            assertEquals(path + file, 200, r.statusCode());
            assertFalse(path + file, r.body().isEmpty());
            String type = r.headers().firstValue("Content-Type").orElse(null);
            // types observed on CherryPy 18.8 (Python's mimetypes on Debian)
            assertEquals(path + file, file.endsWith(".css") ? "text/css" : "text/javascript", type);
        }
    }

    /** The rows of user_string for a session, read directly from the app's H2 database. */
    private List<String> rows(String bsn, String session) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(bundle(bsn));
                PreparedStatement select = c.prepareStatement("SELECT value FROM user_string WHERE session_id=?")) {
            select.setString(1, session);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    private boolean tableExists(Bundle app) throws SQLException {
        try (Connection c = connect(app);
                ResultSet r = c.getMetaData().getTables(null, null, "USER_STRING", null)) {
            return r.next();
        }
    }

    /** The app's database, with the URL its Database component uses (H2 shares the open database). */
    private Connection connect(Bundle app) throws SQLException {
        ServiceReference<DataSourceFactory> ref;
        try {
            ref = context().getServiceReferences(DataSourceFactory.class,
                    "(" + DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "=org.h2.Driver)").stream().findFirst()
                    .orElseThrow(() -> new AssertionError("H2 registers no DataSourceFactory"));
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        DataSourceFactory factory = context().getService(ref);
        try {
            Properties props = new Properties();
            props.put(DataSourceFactory.JDBC_URL, "jdbc:h2:" + app.getDataFile("my").getAbsolutePath()
                    + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE");
            props.put(DataSourceFactory.JDBC_USER, "sa");
            props.put(DataSourceFactory.JDBC_PASSWORD, "");
            return factory.createDataSource(props).getConnection();
        } finally {
            context().ungetService(ref);
        }
    }

    private String sessionId() {
        for (HttpCookie c : cookies.getCookieStore().getCookies()) {
            if (c.getName().equals("session_id")) {
                return c.getValue();
            }
        }
        throw new AssertionError("no session_id cookie: " + cookies.getCookieStore().getCookies());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " in the container");
    }

    private String post(String path, String form) throws Exception {
        HttpResponse<String> r = call("POST", path, form);
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals("text/plain;charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        assertEquals(ALLOW, r.headers().firstValue("Allow").orElse(null));
        assertRandomHex(r.body(), r.body().length());
        return r.body();
    }

    private String plainGet(String path) throws Exception {
        HttpResponse<String> r = call("GET", path, null);
        assertEquals(r.body(), 200, r.statusCode());
        return r.body();
    }

    private static void assertEmpty200(HttpResponse<String> r) {
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals("", r.body());
        assertEquals("0", r.headers().firstValue("Content-Length").orElse(null));
        assertNull(r.headers().firstValue("Location").orElse(null));
    }

    /** A request as jQuery sends it: form data urlencoded; a GET accepting text/plain. */
    private HttpResponse<String> call(String method, String path, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10));
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        } else if (method.equals("GET")) {
            b.header("Accept", "text/plain").GET();
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = browser.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertNotNull(r);
        return r;
    }
}
