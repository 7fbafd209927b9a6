package org.cerise.itests;

import static org.cerise.itests.AdminLogin.basic;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.cerise.features.FeatureInfo;
import org.cerise.features.FeatureManager;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Features installed and removed at run time, over real HTTP: through the admin JSON API (with
 * the CSRF token; without it nothing changes), through Gogo commands in a real Gogo session, and
 * by a feature file dropped into the watched folder. Apps that need a removed feature's
 * dispatcher wait (503 + Retry-After) while the others go on.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FeatureManagerIT extends CeriseTestSupport {

    private static final String PASSWORD = "itest-features-pw";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METHOD = "org.cerise:cerise-dispatch-method:0.1.0-SNAPSHOT";

    private FeatureManager features() {
        return context().getService(context().getServiceReference(FeatureManager.class));
    }

    /** Set once per container. */
    private static volatile boolean passwordSet;

    /** Waits for the generated password, then sets the test's own ({@link AdminLogin#setPassword}). */
    @Before
    public void ownPassword() throws Exception {
        if (passwordSet) {
            return;
        }
        AdminLogin.setPassword(context(), PASSWORD, MOUNT_DEADLINE, () -> api("GET", "/features", null, null));
        passwordSet = true;
    }

    private HttpResponse<String> api(String method, String path, String body, String csrf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/cerise/api" + path)))
                .header("Authorization", basic("admin", PASSWORD));
        if (csrf != null) {
            b.header("X-Cerise-CSRF", csrf);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b);
    }

    private String csrf() throws Exception {
        return JSON.readTree(api("GET", "/csrf", null, null).body()).path("token").asText();
    }

    private JsonNode feature(String name) throws Exception {
        HttpResponse<String> r = api("GET", "/features", null, null);
        assertEquals(r.body(), 200, r.statusCode());
        for (JsonNode f : JSON.readTree(r.body())) {
            if (f.path("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("GET /cerise/api/features does not list " + name + ": " + r.body());
    }

    private boolean bundleInstalled(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return true;
            }
        }
        return false;
    }

    @Test
    public void removingTheMethodDispatcherFeatureMakesItsAppsWaitAndInstallingItServesThemAgain() throws Exception {
        JsonNode before = feature("cerise-dispatch-method");
        assertEquals("INSTALLED", before.path("state").asText());
        assertEquals(METHOD, before.path("id").asText());
        assertEquals("launch", before.path("source").asText());
        assertEquals("ACTIVE", before.path("bundles").get(0).path("state").asText());
        assertTrue("tutorial 7 is served", get("/tut07/").statusCode() != 503);

        HttpResponse<String> removed = api("POST", "/features/remove", "{\"feature\": \"cerise-dispatch-method\"}", csrf());
        assertEquals(removed.body(), 200, removed.statusCode());
        assertEquals("AVAILABLE", JSON.readTree(removed.body()).path("feature").path("state").asText());
        assertTrue("the dispatcher's bundle is uninstalled", !bundleInstalled("org.cerise.dispatch.method"));
        HttpResponse<String> waiting = await("/tut07/", r -> r.statusCode() == 503, MOUNT_DEADLINE);
        assertNotNull("503 with Retry-After while the app waits", waiting.headers().firstValue("Retry-After").orElse(null));
        assertEquals("apps on the tree dispatcher go on", 200, get("/tut01/").statusCode());
        assertEquals("AVAILABLE", feature("cerise-dispatch-method").path("state").asText());

        HttpResponse<String> installed = api("POST", "/features/install", "{\"feature\": \"cerise-dispatch-method\"}",
                csrf());
        assertEquals(installed.body(), 200, installed.statusCode());
        assertEquals("INSTALLED", JSON.readTree(installed.body()).path("feature").path("state").asText());
        // tutorial 7 answers again: POST makes a string, GET gives it back (a session cookie links them)
        await("/tut07/", r -> r.statusCode() != 503, MOUNT_DEADLINE);
        HttpResponse<String> made = send(HttpRequest.newBuilder(URI.create(url("/tut07/?length=8")))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(made.body(), 200, made.statusCode());
        String cookie = made.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> got = send(HttpRequest.newBuilder(URI.create(url("/tut07/"))).header("Cookie", cookie));
        assertEquals(200, got.statusCode());
        assertEquals(made.body(), got.body());
        assertEquals("request", feature("cerise-dispatch-method").path("source").asText());
    }

    @Test
    public void aFeatureWhosePackagesAnAppImportsIsNotRemovedAndTheAppGoesOn() throws Exception {
        // the blog example (an app bundle outside any feature) imports org.cerise.dispatch.routes
        assertEquals(200, get("/blog/").statusCode());
        HttpResponse<String> refused = api("POST", "/features/remove", "{\"feature\": \"cerise-dispatch-routes\"}", csrf());
        assertEquals(refused.body(), 409, refused.statusCode());
        String error = JSON.readTree(refused.body()).path("error").asText(refused.body());
        assertTrue(error, error.contains("nothing was changed"));
        assertTrue(error, error.matches("(?s).*org\\.cerise\\.examples\\.blog \\S+ imports org\\.cerise\\.dispatch\\.routes"
                + " from org\\.cerise\\.dispatch\\.routes .*"));
        assertTrue(error, error.contains("delete its jar there"));
        assertTrue(bundleInstalled("org.cerise.dispatch.routes"));
        assertEquals("INSTALLED", feature("cerise-dispatch-routes").path("state").asText());
        assertEquals("launch", feature("cerise-dispatch-routes").path("source").asText());
        assertEquals(200, get("/blog/").statusCode());
    }

    @Test
    public void withoutTheCsrfTokenNothingChanges() throws Exception {
        for (String token : new String[] {null, "not-the-token"}) {
            for (String action : new String[] {"remove", "install"}) {
                String name = action.equals("remove") ? "cerise-dispatch-routes" : "cerise-session-file";
                HttpResponse<String> r = api("POST", "/features/" + action, "{\"feature\": \"" + name + "\"}", token);
                assertEquals(r.body(), 403, r.statusCode());
            }
        }
        assertEquals("INSTALLED", feature("cerise-dispatch-routes").path("state").asText());
        assertTrue(bundleInstalled("org.cerise.dispatch.routes"));
        assertEquals(200, get("/blog/").statusCode());
        // without credentials: 401, nothing shown, nothing changed
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(url("/cerise/api/features/remove")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"feature\": \"cerise-dispatch-routes\"}")));
        assertEquals(401, anonymous.statusCode());
        assertEquals(401, send(HttpRequest.newBuilder(URI.create(url("/cerise/api/features")))).statusCode());
        assertTrue(bundleInstalled("org.cerise.dispatch.routes"));
    }

    @Test
    public void refusedRequestsSayWhy() throws Exception {
        String token = csrf();
        HttpResponse<String> unknown = api("POST", "/features/install", "{\"feature\": \"cerise-nothing\"}", token);
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body(), unknown.body().contains("no feature 'cerise-nothing'"));
        HttpResponse<String> twice = api("POST", "/features/install", "{\"feature\": \"cerise-core\"}", token);
        assertEquals(409, twice.statusCode());
        assertTrue(twice.body(), twice.body().contains("already installed"));
        HttpResponse<String> platform = api("POST", "/features/remove", "{\"feature\": \"cerise-platform\"}", token);
        assertEquals(409, platform.statusCode());
        assertTrue(platform.body(), platform.body().contains("holds the feature manager itself"));
        assertEquals(400, api("POST", "/features/install", "{\"feature\": 7}", token).statusCode());
        assertEquals(400, api("POST", "/features/install", "not json", token).statusCode());
        assertEquals(200, get("/tut01/").statusCode());
    }

    @Test
    public void theGogoCommandsShowAndChangeTheSameFeatures() throws Exception {
        CommandProcessor processor = context().getService(context().getServiceReference(CommandProcessor.class));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        CommandSession session = processor.createSession(System.in, print, print);
        try {
            @SuppressWarnings("unchecked")
            List<FeatureInfo> fromGogo = (List<FeatureInfo>) session.execute("cerise:features");
            List<String> gogo = new ArrayList<>();
            fromGogo.forEach(f -> gogo.add(f.id() + " " + f.state()));
            List<String> json = new ArrayList<>();
            for (JsonNode f : JSON.readTree(api("GET", "/features", null, null).body())) {
                json.add(f.path("id").asText() + " " + f.path("state").asText());
            }
            assertEquals(json, gogo);

            Object removed = session.execute("cerise:feature-remove cerise-dispatch-vhost");
            assertTrue(String.valueOf(removed), String.valueOf(removed).contains("removed"));
            await("/vhost/", r -> r.statusCode() == 503, MOUNT_DEADLINE);
            assertEquals(200, get("/tut01/").statusCode());
            Object refused = session.execute("cerise:feature-remove cerise-dispatch-vhost");
            assertTrue(String.valueOf(refused), String.valueOf(refused).startsWith("refused (409): "));
            Object needed = session.execute("cerise:feature-remove cerise-dispatch-routes");
            assertTrue(String.valueOf(needed), String.valueOf(needed).startsWith("refused (409): ")
                    && String.valueOf(needed).contains("org.cerise.examples.blog"));
            Object installed = session.execute("cerise:feature-install cerise-dispatch-vhost");
            assertTrue(String.valueOf(installed), String.valueOf(installed).contains("installed"));
            await("/vhost/", r -> r.statusCode() == 200, MOUNT_DEADLINE);
        } finally {
            session.close();
        }
    }

    @Test
    public void aFeatureFileInTheWatchedFolderInstallsItsBundlesAndItsDeletionRemovesThem() throws Exception {
        features().remove("cerise-session-redis");
        assertTrue(!bundleInstalled("org.cerise.session.redis"));
        File deploy = new File(context().getProperty("felix.fileinstall.dir"));
        Files.createDirectories(deploy.toPath());
        Path file = deploy.toPath().resolve("redis-again.json");
        Files.writeString(file, "{\n  \"feature-resource-version\": \"1.0\",\n  \"id\": \"org.example:redis-again:1.0\",\n"
                + "  \"bundles\": [ { \"id\": \"org.cerise:cerise-session-redis:0.1.0-SNAPSHOT\" } ]\n}\n");
        try {
            await(() -> bundleInstalled("org.cerise.session.redis"), "the dropped feature file installs its bundle");
            assertEquals(file.toAbsolutePath().toString(), feature("redis-again").path("source").asText());
            Files.delete(file);
            await(() -> !bundleInstalled("org.cerise.session.redis"), "deleting the file removes it");

            Path bad = deploy.toPath().resolve("bad.json");
            Files.writeString(bad, "{ \"id\": \"org.example:bad:1\", \"bundles\": [ { \"id\": \"cerise-session-redis\" } ] }");
            Thread.sleep(1000); // FileInstall polls every 200 ms
            assertTrue("a malformed file installs nothing", !bundleInstalled("org.cerise.session.redis"));
            Files.delete(bad);
        } finally {
            Files.deleteIfExists(file);
            features().install("cerise-session-redis");
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + MOUNT_DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail(what + " within " + MOUNT_DEADLINE);
            }
            Thread.sleep(50);
        }
    }
}
