package org.cerise.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.cerise.tool.authbasic.PasswordChecker;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * The toolbox in the container, as shipped (features/cerise-tools.json), asked by real clients
 * over HTTP: an app whose config file turns on one tool per path ({@code apps/toolbox/app.conf})
 * gets compressed, JSON, authenticated, cached, tagged and CORS answers; Digest auth is checked
 * with curl; an app that names a credential service waits for it and follows it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ToolsIT extends CeriseTestSupport {

    private static final Class<?> APP = org.cerise.itests.apps.toolbox.ToolboxApp.class;

    private Bundle toolbox;

    @Before
    public void installToolbox() throws Exception {
        try (InputStream jar = AppBundles.jar("org.cerise.itests.toolbox", "1.0.0", APP, "/toolbox",
                Map.of("Cerise-Test-Config", "/org/cerise/itests/apps/toolbox/app.conf"))) {
            toolbox = context().installBundle("itest:toolbox", jar);
        }
        toolbox.start();
        await("/toolbox/tagged", r -> r.statusCode() == 200, MOUNT_DEADLINE);
    }

    @After
    public void uninstallToolbox() throws Exception {
        toolbox.uninstall();
    }

    private HttpResponse<byte[]> bytes(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path)));
    }

    @Test
    public void encodeIsOnByDefaultAndNegotiatesTheCharset() throws Exception {
        HttpResponse<String> plain = get("/toolbox/tagged");
        assertEquals("text/html;charset=utf-8", plain.headers().firstValue("Content-Type").orElse(null));
        HttpResponse<byte[]> latin = bytes(request("/toolbox/tagged").header("Accept-Charset", "iso-8859-1"));
        assertEquals("text/html;charset=iso-8859-1", latin.headers().firstValue("Content-Type").orElse(null));
        // nothing acceptable: CherryPy's 406 names what the server can send
        HttpResponse<String> none = send(request("/toolbox/tagged").header("Accept-Charset", "koi8-r;q=0, *;q=0"));
        assertEquals(406, none.statusCode());
    }

    @Test
    public void gzipCompressesWhatTheClientAccepts() throws Exception {
        HttpResponse<byte[]> zipped = bytes(request("/toolbox/big").header("Accept-Encoding", "gzip"));
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals("Accept-Encoding", zipped.headers().firstValue("Vary").orElse(null));
        String text;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals("Cerise compresses this line. ".repeat(200), text);
        assertTrue("compressed: " + zipped.body().length, zipped.body().length < 200);

        HttpResponse<byte[]> identity = bytes(request("/toolbox/big"));
        assertFalse(identity.headers().firstValue("Content-Encoding").isPresent());
        assertEquals(29 * 200, identity.body().length);
    }

    @Test
    public void jsonOutAndJsonInSpeakJson() throws Exception {
        HttpResponse<String> status = get("/toolbox/api/status");
        assertEquals(200, status.statusCode());
        assertEquals("application/json", status.headers().firstValue("Content-Type").orElse(null));
        // byte for byte what CherryPy's json_out writes
        assertEquals("{\"name\": \"cerise\", \"tools\": [\"json_out\", \"gzip\"]}", status.body());

        HttpResponse<String> echo = send(request("/toolbox/api/echo").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\": [1, 2.5, true, null], \"b\": \"\u00e9\"}")));
        assertEquals(200, echo.statusCode());
        assertEquals("{\"received\": {\"a\": [1, 2.5, true, null], \"b\": \"\\u00e9\"}}", echo.body());

        HttpResponse<String> broken = send(request("/toolbox/api/echo").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\": ")));
        assertErrorPage(broken, 400, "400 Bad Request", "Invalid JSON document");
        HttpResponse<String> form = send(request("/toolbox/api/echo")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("a=1")));
        assertErrorPage(form, 415, "415 Unsupported Media Type",
                "Expected an entity of content type application/json, text/javascript");
    }

    @Test
    public void corsAnswersPreflightsAndNamesTheOrigin() throws Exception {
        HttpResponse<String> preflight = send(request("/toolbox/api/echo").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://example.org").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        assertEquals(204, preflight.statusCode());
        assertEquals("https://example.org", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("GET, POST", preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(null));

        HttpResponse<String> refused = send(request("/toolbox/api/echo").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST"));
        assertEquals(403, refused.statusCode());

        HttpResponse<String> actual = send(request("/toolbox/api/status").header("Origin", "https://example.org"));
        assertEquals(200, actual.statusCode());
        assertEquals("https://example.org", actual.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(actual.headers().allValues("Vary").toString(), String.join(",", actual.headers().allValues("Vary"))
                .contains("Origin"));
    }

    @Test
    public void basicAuthChallengesAndLetsTheUserIn() throws Exception {
        HttpResponse<String> anonymous = get("/toolbox/basic/");
        assertEquals(401, anonymous.statusCode());
        assertEquals("Basic realm=\"toolbox\", charset=\"UTF-8\"",
                anonymous.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(401, send(request("/toolbox/basic/").header("Authorization", basic("alice", "looking-glass")))
                .statusCode());
        HttpResponse<String> alice = send(request("/toolbox/basic/").header("Authorization", basic("alice", "wonderland")));
        assertEquals(200, alice.statusCode());
        assertEquals("hello alice", alice.body());
    }

    @Test
    public void digestAuthWorksWithCurl() throws Exception {
        assertEquals("hello bob", curl("--digest", "-u", "bob:builder", url("/toolbox/digest/")));
        assertEquals("401", curl("-o", "/dev/null", "-w", "%{http_code}", "--digest", "-u", "bob:wrong",
                url("/toolbox/digest/")));
        HttpResponse<String> challenge = get("/toolbox/digest/");
        assertEquals(401, challenge.statusCode());
        String header = challenge.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(header, header.startsWith("Digest realm=\"toolbox\""));
    }

    @Test
    public void withoutItsDigestToolTheAppIsNeverServedUnprotected() throws Exception {
        Bundle digestTool = null;
        for (Bundle b : context().getBundles()) {
            if (b.getSymbolicName().equals("org.cerise.tool.authdigest")) {
                digestTool = b;
            }
        }
        assertNotNull("the auth_digest tool bundle is installed", digestTool);
        String location = digestTool.getLocation();
        digestTool.uninstall();
        try {
            // the whole app waits: no path of it is served without the tool its config names
            HttpResponse<String> waiting = await("/toolbox/digest/", r -> r.statusCode() == 503, MOUNT_DEADLINE);
            assertTrue(waiting.headers().firstValue("Retry-After").isPresent());
            assertEquals(503, get("/toolbox/tagged").statusCode());
            assertFalse(curl("--digest", "-u", "bob:builder", url("/toolbox/digest/")).contains("hello bob"));
        } finally {
            context().installBundle(location).start();
        }
        await("/toolbox/digest/", r -> r.statusCode() == 401, MOUNT_DEADLINE);
        assertEquals("hello bob", curl("--digest", "-u", "bob:builder", url("/toolbox/digest/")));
    }

    @Test
    public void cachingServesTheSecondRequestFromTheCache() throws Exception {
        HttpResponse<String> first = get("/toolbox/cached");
        HttpResponse<String> second = get("/toolbox/cached");
        assertEquals(200, second.statusCode());
        assertEquals(first.body(), second.body());
        assertNotNull("a cached answer says its Age", second.headers().firstValue("Age").orElse(null));
        // a POST invalidates, so the handler runs again
        send(request("/toolbox/cached").POST(HttpRequest.BodyPublishers.noBody()));
        assertFalse(get("/toolbox/cached").body().equals(first.body()));
    }

    @Test
    public void etagsTagTheBodyAndAnswerConditionalRequests() throws Exception {
        HttpResponse<String> tagged = get("/toolbox/tagged");
        String etag = tagged.headers().firstValue("ETag").orElse(null);
        assertNotNull(etag);
        HttpResponse<String> again = send(request("/toolbox/tagged").header("If-None-Match", etag));
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        HttpResponse<String> changed = send(request("/toolbox/tagged").header("If-None-Match", "\"other\""));
        assertEquals(200, changed.statusCode());
    }

    @Test
    public void anAppWaitsForTheCredentialServiceItNamesAndFollowsIt() throws Exception {
        Bundle checked;
        try (InputStream jar = AppBundles.jar("org.cerise.itests.checked", "1.0.0", APP, "/checked",
                Map.of("Cerise-Test-Config", "/org/cerise/itests/apps/toolbox/checked.conf"))) {
            checked = context().installBundle("itest:checked", jar);
        }
        ServiceRegistration<PasswordChecker> registration = null;
        try {
            checked.start();
            // no checker named itest-checker yet: the app waits, its mount point says so
            HttpResponse<String> waiting = await("/checked/basic/", r -> r.statusCode() == 503, MOUNT_DEADLINE);
            assertTrue(waiting.headers().firstValue("Retry-After").isPresent());

            Dictionary<String, Object> props = new Hashtable<>();
            props.put(PasswordChecker.NAME, "itest-checker");
            registration = context().registerService(PasswordChecker.class,
                    (realm, user, password) -> realm.equals("checked") && user.equals("carol") && password.equals("c4r0l"),
                    props);
            await("/checked/basic/", r -> r.statusCode() == 401, MOUNT_DEADLINE);
            HttpResponse<String> carol = send(request("/checked/basic/").header("Authorization", basic("carol", "c4r0l")));
            assertEquals(200, carol.statusCode());
            assertEquals("hello carol", carol.body());

            // the checker goes: the app stops serving rather than letting anyone in
            registration.unregister();
            registration = null;
            await("/checked/basic/", r -> r.statusCode() == 503, MOUNT_DEADLINE);
        } finally {
            if (registration != null) {
                registration.unregister();
            }
            checked.uninstall();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs the real curl and returns what it prints. */
    private static String curl(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 2];
        command[0] = "curl";
        command[1] = "-sS";
        System.arraycopy(args, 0, command, 2, args.length);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("curl is needed for the Digest test and is not installed: apt-get install -y curl (" + e.getMessage() + ")");
            throw e;
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("curl did not finish: " + String.join(" ", command));
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
