package org.cerise.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The method dispatcher in the container: tutorial 7 ({@code /tut07/}) and the REST square
 * example ({@code /square/}) driven as their documents drive them, with a client that keeps
 * cookies as Python's {@code requests.Session} does; and the dispatcher's bundle leaving and
 * coming back. Every expectation was observed on CherryPy 18.8
 * (/work/shared/cherrypy/reference_server.py for tutorial 7).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestIT extends CeriseTestSupport {

    private static final String ALLOW = "DELETE, GET, HEAD, POST, PUT";

    /** {@code requests.Session()}: cookies kept between requests. */
    private final HttpClient session = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Both apps mounted: before that they answer 404 (not there yet) or 503 (waiting). */
    @Before
    public void awaitRestApps() throws Exception {
        for (String path : new String[] {"/tut07/", "/square/"}) {
            await(path, r -> r.statusCode() != 404 && r.statusCode() != 503, BOOT_DEADLINE);
        }
    }

    @Test
    public void tutorial7TranscriptAsInTheTutorial() throws Exception {
        // >>> r = s.get(url); r.status_code  -> 500 (no string yet: KeyError)
        HttpResponse<String> r = call("GET", "/tut07/", null);
        assertErrorPage(r, 500, "500 Internal Server Error", MESSAGE_500);
        assertTrue(r.body(), r.body().contains("KeyError"));
        assertEquals(ALLOW, r.headers().firstValue("Allow").orElse(null));

        // >>> r = s.post(url); r.status_code, r.text -> (200, '04A92138')
        r = call("POST", "/tut07/", null);
        assertEquals(200, r.statusCode());
        assertRandomHex(r.body(), 8);
        assertEquals("text/plain;charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        assertEquals(ALLOW, r.headers().firstValue("Allow").orElse(null));
        String generated = r.body();

        // >>> r = s.get(url) -> (200, the same string)
        r = call("GET", "/tut07/", null);
        assertEquals(200, r.statusCode());
        assertEquals(generated, r.body());
        assertEquals("text/plain;charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));

        // >>> r = s.get(url, headers={'Accept': 'application/json'}) -> 406
        r = session.send(HttpRequest.newBuilder(URI.create(url("/tut07/"))).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertErrorPage(r, 406, "406 Not Acceptable", "Your client sent this Accept header: application/json. "
                + "But this resource only emits these media types: text/plain.");
        assertEquals(ALLOW, r.headers().firstValue("Allow").orElse(null));

        // >>> r = s.put(url, params={'another_string': 'hello'}) -> 200, empty
        r = call("PUT", "/tut07/?another_string=hello", null);
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
        assertEquals("0", r.headers().firstValue("Content-Length").orElse(null));

        // >>> r = s.get(url) -> (200, 'hello')
        r = call("GET", "/tut07/", null);
        assertEquals(200, r.statusCode());
        assertEquals("hello", r.body());

        // >>> r = s.delete(url); r = s.get(url) -> 500
        r = call("DELETE", "/tut07/", null);
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
        r = call("GET", "/tut07/", null);
        assertErrorPage(r, 500, "500 Internal Server Error", MESSAGE_500);
    }

    @Test
    public void tutorial7AnswersOtherVerbsWith405AndBodylessPatchWith411() throws Exception {
        RawResponse options = raw("OPTIONS /tut07/ HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
        assertEquals("HTTP/1.1 405 Method Not Allowed", options.statusLine);
        assertEquals(ALLOW, options.header("Allow"));

        RawResponse patch = raw("PATCH /tut07/ HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
        assertEquals("HTTP/1.1 411 Length Required", patch.statusLine);
        assertEquals(ALLOW, patch.header("Allow"));

        RawResponse patchWithBody = raw("PATCH /tut07/ HTTP/1.1\r\n" + host()
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=1");
        assertEquals("HTTP/1.1 405 Method Not Allowed", patchWithBody.statusLine);

        HttpResponse<String> below = get("/tut07/x");
        assertEquals("a surplus segment does not fit GET()", 404, below.statusCode());
    }

    @Test
    public void squareAsInTheRestExample() throws Exception {
        // the transcript of rest-square-example.txt
        assertEquals(500, call("GET", "/square/", null).statusCode());
        HttpResponse<String> r = call("POST", "/square/", null);
        assertEquals(200, r.statusCode());
        assertEquals("4", r.body());
        assertEquals("4", call("GET", "/square/", null).body());
        r = session.send(HttpRequest.newBuilder(URI.create(url("/square/"))).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(406, r.statusCode());
        r = call("POST", "/square/", "number=5");
        assertEquals(200, r.statusCode());
        assertEquals("25", r.body());
        assertEquals(200, call("PUT", "/square/?number=100", null).statusCode());
        assertEquals("100", call("GET", "/square/", null).body());
        assertEquals(200, call("DELETE", "/square/", null).statusCode());
        assertEquals(500, call("GET", "/square/", null).statusCode());
    }

    @Test
    public void removingTheMethodDispatcherTakesItsAppsOutOfServiceUntilItReturns() throws Exception {
        Bundle dispatcher = bundle("org.cerise.dispatch.method");
        String location = dispatcher.getLocation();
        dispatcher.uninstall();
        try {
            HttpResponse<String> waiting = await("/tut07/", r -> r.statusCode() == 503, MOUNT_DEADLINE);
            assertEquals("5", waiting.headers().firstValue("Retry-After").orElse(null));
            assertEquals(503, get("/square/").statusCode());
            assertEquals("apps on the tree dispatcher go on", 200, get("/tut01/").statusCode());
        } finally {
            Bundle back = context().installBundle(location);
            back.start();
        }
        HttpResponse<String> r = await("/tut07/", x -> x.statusCode() != 503, MOUNT_DEADLINE);
        assertEquals(ALLOW, r.headers().firstValue("Allow").orElse(null));
        assertEquals(200, call("POST", "/square/", null).statusCode());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " in the container");
    }

    /** A request as {@code requests} sends it: a POST/PUT without data still has Content-Length: 0. */
    private HttpResponse<String> call(String method, String path, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10));
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        } else if (method.equals("POST") || method.equals("PUT")) {
            b.method(method, HttpRequest.BodyPublishers.ofString(""));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = session.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertNotNull(r);
        return r;
    }
}
