package org.cerise.itests;

import static org.cerise.itests.AdminLogin.basic;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The admin actions over real HTTP, in the JSON API and in the Web Console's Cerise pages
 * (bundles/admin/README.md): unmount/mount/restart an app, upload a bundle, edit an app's
 * config, switch the session store, install and remove a feature. Every action without the CSRF
 * token, or with a forged one, changes nothing; a bad upload or a bad config value is refused
 * with a sentence saying what is wrong and changes nothing either.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AdminActionsIT extends CeriseTestSupport {

    private static final String PASSWORD = "itest-actions-pw";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPLOADED = "org.cerise.itests.uploaded";

    /** Set once per container (the probe's classes are loaded afresh for each). */
    private static volatile boolean ready;

    private ConfigurationAdmin configAdmin() {
        return context().getService(context().getServiceReference(ConfigurationAdmin.class));
    }

    /** Sets the test's own admin password and waits until the API and the console take it. */
    @Before
    public void ownPassword() throws Exception {
        if (ready) {
            return;
        }
        AdminLogin.setPassword(context(), PASSWORD, BOOT_DEADLINE, () -> api("GET", "/apps", null, null),
                () -> console("/cerise-apps"));
        ready = true;
    }

    private HttpResponse<String> api(String method, String path, byte[] body, String csrf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/cerise/api" + path)))
                .header("Authorization", basic("admin", PASSWORD));
        if (csrf != null) {
            b.header("X-Cerise-CSRF", csrf);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return send(b);
    }

    private HttpResponse<String> post(String path, String json, String csrf) throws Exception {
        return api("POST", path, json == null ? null : json.getBytes(StandardCharsets.UTF_8), csrf);
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> r = api("GET", path, null, null);
        assertEquals(r.body(), 200, r.statusCode());
        return JSON.readTree(r.body());
    }

    private String token() throws Exception {
        return json("/csrf").path("token").asText();
    }

    private HttpResponse<String> console(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url("/system/console" + path))).header("Authorization", basic("admin", PASSWORD)));
    }

    /** Posts a console form (urlencoded) and returns the redirect's status and message. */
    private String[] consolePost(String page, Map<String, String> fields) throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url("/system/console/" + page)))
                .header("Authorization", basic("admin", PASSWORD)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        return outcome(r);
    }

    private static String[] outcome(HttpResponse<String> r) {
        assertEquals(r.body(), 303, r.statusCode());
        String location = r.headers().firstValue("Location").orElse("");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("status=(\\d+)&message=([^&]*)").matcher(location);
        assertTrue(location, m.find());
        return new String[] {m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8)};
    }

    /** The CSRF token the console's forms carry. */
    private String consoleToken(String page) throws Exception {
        String html = console("/" + page).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue("the page's forms carry the CSRF token: " + html, m.find());
        return m.group(1);
    }

    private JsonNode app(String name) throws Exception {
        for (JsonNode a : json("/apps")) {
            if (a.path("name").asText().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private JsonNode feature(String name) throws Exception {
        for (JsonNode f : json("/features")) {
            if (f.path("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("GET /cerise/api/features does not list " + name);
    }

    private Bundle installed(String bsn) {
        for (Bundle b : context().getBundles()) {
            if (bsn.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) {
                return b;
            }
        }
        return null;
    }

    private Map<String, String> state() throws Exception {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("tut01", app("tut01").path("state").asText());
        s.put("tut01 answer", String.valueOf(get("/tut01/").statusCode()));
        s.put("store", String.valueOf(configAdmin().getConfiguration("org.cerise.session", "?").getProperties() == null ? null
                : configAdmin().getConfiguration("org.cerise.session", "?").getProperties().get("store")));
        s.put("overrides", json("/apps/tut01/config").path("overrides").toString());
        s.put("uploaded", String.valueOf(installed(UPLOADED)));
        s.put("vhost feature", feature("cerise-dispatch-vhost").path("state").asText());
        s.put("vhost answer", String.valueOf(get("/vhost/").statusCode()));
        return s;
    }

    private static byte[] appJar(String bsn, Class<?> app, String mount, Map<String, String> headers) throws Exception {
        return AppBundles.jar(bsn, "1.0.0", app, mount, headers).readAllBytes();
    }

    @Test
    public void everyActionWithoutTheRightTokenChangesNothing() throws Exception {
        Map<String, String> before = state();
        byte[] jar = appJar(UPLOADED, org.cerise.itests.apps.hot.v1.HotApp.class, "/uploaded", Map.of());
        Map<String, byte[]> apiActions = new LinkedHashMap<>();
        apiActions.put("/store", "{\"store\": \"file\"}".getBytes(StandardCharsets.UTF_8));
        apiActions.put("/deploy", jar);
        apiActions.put("/apps/tut01/unmount", null);
        apiActions.put("/apps/tut01/restart", null);
        apiActions.put("/apps/tut01/mount", null);
        apiActions.put("/apps/tut01/config", "{\"key\": \"response.headers.X-Forged\", \"value\": \"'x'\"}"
                .getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> a : apiActions.entrySet()) {
            for (String csrf : new String[] {null, "forged", ""}) {
                HttpResponse<String> r = api("POST", a.getKey(), a.getValue(), csrf);
                assertEquals("POST " + a.getKey() + " with token " + csrf + ": " + r.body(), 403, r.statusCode());
            }
        }
        String[][] consoleActions = {{"cerise-apps", "unmount"}, {"cerise-apps", "restart"}, {"cerise-apps", "mount"},
            {"cerise-sessions", "store"}, {"cerise-config", "set"}, {"cerise-config", "remove"},
            {"cerise-features", "remove"}, {"cerise-features", "install"}};
        for (String[] a : consoleActions) {
            for (String csrf : new String[] {null, "forged"}) {
                Map<String, String> fields = new LinkedHashMap<>(Map.of("action", a[1], "app", "tut01", "store", "file",
                        "key", "response.headers.X-Forged", "value", "'x'", "feature", "cerise-dispatch-vhost"));
                if (csrf != null) {
                    fields.put("csrf", csrf);
                }
                String[] o = consolePost(a[0], fields);
                assertEquals(a[0] + " " + a[1] + " with token " + csrf + ": " + o[1], "403", o[0]);
            }
        }
        // the console's upload, multipart, without the token field
        String[] upload = outcome(multipart("cerise-apps", null, jar));
        assertEquals(upload[1], "403", upload[0]);
        String[] forgedUpload = outcome(multipart("cerise-apps", "forged", jar));
        assertEquals(forgedUpload[1], "403", forgedUpload[0]);
        Thread.sleep(500); // a jar written into the deploy folder would be picked up by now (poll 200 ms)
        assertEquals("nothing changed", before, state());
        assertEquals("no app was deployed", 404, get("/uploaded/").statusCode());
    }

    private HttpResponse<String> multipart(String page, String csrf, byte[] jar) throws Exception {
        String boundary = "----cerise" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String fields = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\ndeploy\r\n"
                + (csrf == null ? "" : "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n")
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"uploaded.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n";
        body.write(fields.getBytes(StandardCharsets.UTF_8));
        body.write(jar);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(url("/system/console/" + page))).header("Authorization", basic("admin", PASSWORD))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    @Test
    public void unmountMountAndRestartAnApp() throws Exception {
        String token = token();
        HttpResponse<String> r = post("/apps/tut02/unmount", null, token);
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals("unmounted: 404 at once, no grace period", 404, get("/tut02/").statusCode());
        JsonNode tut02 = app("tut02");
        assertEquals("UNMOUNTED", tut02.path("state").asText());
        assertTrue(tut02.toString(), tut02.path("reason").asText().startsWith("unmounted by admin"));
        assertEquals("its bundle keeps running", Bundle.ACTIVE, installed(tut02.path("bundle").asText()).getState());
        assertTrue(json("/explain?path=/tut02/").path("note").asText().contains("404"));

        r = post("/apps/tut02/mount", null, token);
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals(200, get("/tut02/").statusCode());
        assertEquals("MOUNTED", app("tut02").path("state").asText());

        r = post("/apps/tut02/restart", null, token);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("MOUNTED"));
        assertEquals(200, get("/tut02/").statusCode());
        assertEquals(404, post("/apps/nosuch/restart", null, token).statusCode());

        // the same through the console, with the token its forms carry
        String[] o = consolePost("cerise-apps", Map.of("action", "unmount", "app", "tut02", "csrf", consoleToken("cerise-apps")));
        assertEquals(o[1], "200", o[0]);
        assertEquals(404, get("/tut02/").statusCode());
        assertTrue(console("/cerise-apps").body().contains("<td>UNMOUNTED</td>"));
        o = consolePost("cerise-apps", Map.of("action", "mount", "app", "tut02", "csrf", consoleToken("cerise-apps")));
        assertEquals(o[1], "200", o[0]);
        assertEquals(200, get("/tut02/").statusCode());

        // and through the Gogo command functions
        Object commands = commands();
        assertTrue(String.valueOf(commands.getClass().getMethod("unmount", String.class).invoke(commands, "tut02"))
                .contains("UNMOUNTED"));
        assertEquals(404, get("/tut02/").statusCode());
        assertTrue(String.valueOf(commands.getClass().getMethod("restart", String.class).invoke(commands, "tut02"))
                .contains("MOUNTED"));
        assertEquals(200, get("/tut02/").statusCode());
    }

    private Object commands() throws Exception {
        // the scope has several command services (cerise:feature-install is one of its own); take the one with unmount
        ServiceReference<?>[] refs = context().getServiceReferences((String) null,
                "(&(osgi.command.scope=cerise)(osgi.command.function=unmount))");
        assertNotNull(refs);
        return context().getService(refs[0]);
    }

    @Test
    public void aBadUploadIsRefusedAndAGoodOneIsDeployedAndReplaced() throws Exception {
        String token = token();
        HttpResponse<String> r = api("POST", "/deploy?name=notes.txt", "hello".getBytes(StandardCharsets.UTF_8), token);
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("notes.txt is not a jar"));

        ByteArrayOutputStream noManifest = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(noManifest)) {
            zip.putNextEntry(new ZipEntry("a.txt"));
            zip.write('a');
        }
        r = api("POST", "/deploy?name=plain.jar", noManifest.toByteArray(), token);
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("has no META-INF/MANIFEST.MF"));

        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(plain, m)) {
            jar.putNextEntry(new JarEntry("a.txt"));
            jar.write('a');
        }
        r = api("POST", "/deploy?name=plain.jar", plain.toByteArray(), token);
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("no Bundle-SymbolicName"));

        byte[] unresolvable = appJar(UPLOADED, org.cerise.itests.apps.hot.v1.HotApp.class, "/uploaded",
                Map.of("Import-Package", "org.cerise.api;version=\"[1.0,2)\",org.osgi.framework;version=\"[1.8,2)\","
                        + "com.example.missing;version=\"[1.0,2)\""));
        r = api("POST", "/deploy?name=uploaded.jar", unresolvable, token);
        assertEquals(r.body(), 422, r.statusCode());
        assertTrue(r.body(), r.body().contains("com.example.missing"));
        Thread.sleep(500);
        assertNull("nothing was installed", installed(UPLOADED));

        Path deploy = Path.of(context().getProperty("felix.fileinstall.dir")).toAbsolutePath();
        try {
            r = api("POST", "/deploy?name=uploaded.jar",
                    appJar(UPLOADED, org.cerise.itests.apps.hot.v1.HotApp.class, "/uploaded", Map.of()), token);
            assertEquals(r.body(), 201, r.statusCode());
            assertTrue("written into the watched folder: " + r.body(), Files.isRegularFile(deploy.resolve(UPLOADED + ".jar")));
            await("/uploaded/", x -> x.statusCode() == 200 && x.body().equals("Hello from version 1"), MOUNT_DEADLINE);

            // the same symbolic name again: replaced, through the console's multipart form
            byte[] v2 = appJar(UPLOADED, org.cerise.itests.apps.hot.v2.HotApp.class, "/uploaded", Map.of());
            String[] o = outcome(multipart("cerise-apps", consoleToken("cerise-apps"), v2));
            assertEquals(o[1], "200", o[0]);
            assertTrue(o[1], o[1].contains("replaced"));
            await("/uploaded/", x -> x.statusCode() == 200 && x.body().contains("version 2"), MOUNT_DEADLINE);
            int bundles = 0;
            for (Bundle b : context().getBundles()) {
                bundles += UPLOADED.equals(b.getSymbolicName()) ? 1 : 0;
            }
            assertEquals("replaced, not added", 1, bundles);
        } finally {
            Files.deleteIfExists(deploy.resolve(UPLOADED + ".jar"));
        }
        // deleted from the folder: uninstalled, and 404 after the redeploy grace period
        await("/uploaded/", x -> x.statusCode() == 404, BOOT_DEADLINE);
    }

    @Test
    public void anAppsConfigIsEditedAndABadValueRefused() throws Exception {
        String token = token();
        HttpResponse<String> r = post("/apps/tut01/config", "{\"key\": \"response.headers.X-Admin\", \"value\": \"'yes'\"}", token);
        assertEquals(r.body(), 200, r.statusCode());
        await("/tut01/", x -> "yes".equals(x.headers().firstValue("X-Admin").orElse(null)), MOUNT_DEADLINE);
        assertEquals("'yes'", json("/apps/tut01/config").path("overrides").path("response.headers.X-Admin").asText());

        for (String[] bad : new String[][] {{"tools.gzip.on", "'unterminated"}, {"tools.nosuch.on", "True"}}) {
            r = post("/apps/tut01/config", "{\"key\": \"" + bad[0] + "\", \"value\": \"" + bad[1] + "\"}", token);
            assertEquals(r.body(), 400, r.statusCode());
            assertTrue("names the key and value: " + r.body(), r.body().contains(bad[0]) && r.body().contains(bad[1]));
            assertEquals("the running config stays", "MOUNTED", app("tut01").path("state").asText());
            assertEquals("yes", get("/tut01/").headers().firstValue("X-Admin").orElse(null));
        }
        assertEquals(400, post("/apps/tut01/config", "{\"value\": \"True\"}", token).statusCode());
        assertEquals(404, post("/apps/nosuch/config", "{\"key\": \"tools.gzip.on\", \"value\": \"True\"}", token).statusCode());

        // the console's form removes it
        String[] o = consolePost("cerise-config", Map.of("action", "remove", "app", "tut01",
                "key", "response.headers.X-Admin", "csrf", consoleToken("cerise-config?app=tut01")));
        assertEquals(o[1], "200", o[0]);
        await("/tut01/", x -> x.statusCode() == 200 && x.headers().firstValue("X-Admin").isEmpty(), MOUNT_DEADLINE);
        o = consolePost("cerise-config", Map.of("action", "set", "app", "tut01", "key", "tools.gzip.on",
                "value", "maybe", "csrf", consoleToken("cerise-config?app=tut01")));
        assertEquals(o[1], "400", o[0]);
        assertTrue(o[1], o[1].contains("tools.gzip.on") && o[1].contains("maybe"));
    }

    @Test
    public void theConsolePagesShowExplainAndTheLiveParts() throws Exception {
        String explain = console("/cerise-explain?path=" + URLEncoder.encode("/tut07/", StandardCharsets.UTF_8)).body();
        assertTrue(explain, explain.contains("<th>Dispatcher</th><td>method</td>"));
        assertTrue(explain, explain.contains("StringGeneratorWebService.GET"));
        String requests = console("/cerise-requests").body();
        assertTrue(requests, requests.contains("<svg id=\"cerise-chart\"") && requests.contains("/cerise/api/requests"));
        String sessions = console("/cerise-sessions").body();
        assertTrue(sessions, sessions.contains("data-action=\"store\"") && sessions.contains("/cerise/api/sessions"));
        String[] o = consolePost("cerise-sessions", Map.of("action", "store", "store", "nosuch",
                "csrf", consoleToken("cerise-sessions")));
        assertEquals(o[1], "409", o[0]);
    }

    @Test
    public void theFeaturesPageRemovesAndInstallsAFeature() throws Exception {
        await("/vhost/", x -> x.statusCode() == 200, MOUNT_DEADLINE);
        String page = console("/cerise-features").body();
        String vhost = featureRow(page, "cerise-dispatch-vhost");
        assertTrue(vhost, vhost.contains("data-state=\"INSTALLED\"") && vhost.contains("data-action=\"remove\""));
        assertTrue(vhost, vhost.contains("org.cerise.dispatch.vhost") && vhost.contains("ACTIVE"));
        String platform = featureRow(page, "cerise-platform");
        assertTrue("no Remove button on the platform, it says why: " + platform,
                !platform.contains("<form") && platform.contains("holds the feature manager itself"));

        // the Remove button's form, as the browser posts it
        String[] o = consolePost("cerise-features", Map.of("action", "remove", "feature",
                "org.cerise:cerise-dispatch-vhost:0.1.0-SNAPSHOT", "csrf", consoleToken("cerise-features")));
        assertEquals(o[1], "200", o[0]);
        assertEquals("feature cerise-dispatch-vhost removed: 1 bundle uninstalled", o[1]);
        HttpResponse<String> waiting = await("/vhost/", x -> x.statusCode() == 503, MOUNT_DEADLINE);
        assertTrue("503 with Retry-After", waiting.headers().firstValue("Retry-After").isPresent());
        assertEquals("AVAILABLE", feature("cerise-dispatch-vhost").path("state").asText());
        assertNull(installed("org.cerise.dispatch.vhost"));
        // the page after the redirect: the outcome above it, an Install button on the feature
        String after = console("/cerise-features?status=" + o[0] + "&message=" + URLEncoder.encode(o[1], StandardCharsets.UTF_8))
                .body();
        assertTrue(after, after.contains("Done: feature cerise-dispatch-vhost removed: 1 bundle uninstalled"));
        vhost = featureRow(after, "cerise-dispatch-vhost");
        assertTrue(vhost, vhost.contains("data-state=\"AVAILABLE\"") && vhost.contains("data-action=\"install\""));
        // a second removal is refused, saying why
        o = consolePost("cerise-features", Map.of("action", "remove", "feature", "cerise-dispatch-vhost",
                "csrf", consoleToken("cerise-features")));
        assertEquals(o[1], "409", o[0]);

        o = consolePost("cerise-features", Map.of("action", "install", "feature",
                "org.cerise:cerise-dispatch-vhost:0.1.0-SNAPSHOT", "csrf", consoleToken("cerise-features")));
        assertEquals(o[1], "200", o[0]);
        assertEquals("feature cerise-dispatch-vhost installed: 1 bundle started", o[1]);
        await("/vhost/", x -> x.statusCode() == 200, MOUNT_DEADLINE);
        assertEquals("INSTALLED", feature("cerise-dispatch-vhost").path("state").asText());
        assertEquals("request", feature("cerise-dispatch-vhost").path("source").asText());

        // refused by the manager even when posted without a button: nothing changes
        o = consolePost("cerise-features", Map.of("action", "remove", "feature", "cerise-platform",
                "csrf", consoleToken("cerise-features")));
        assertEquals(o[1], "409", o[0]);
        assertTrue(o[1], o[1].contains("holds the feature manager itself"));
        o = consolePost("cerise-features", Map.of("action", "install", "feature", "cerise-nothing",
                "csrf", consoleToken("cerise-features")));
        assertEquals(o[1], "404", o[0]);
        assertEquals(200, get("/tut01/").statusCode());
    }

    /** The page's row of a feature (up to the next feature's row). */
    private static String featureRow(String page, String name) {
        int start = page.indexOf("<tr data-feature=\"" + name + "\"");
        assertTrue("the page lists " + name + ": " + page, start >= 0);
        int end = page.indexOf("<tr data-feature=", start + 1);
        return page.substring(start, end < 0 ? page.length() : end);
    }
}
