package org.cerise.itests;

import static org.cerise.itests.AdminLogin.basic;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;

import org.cerise.api.runtime.AppInfo;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The admin JSON API over real HTTP (bundles/admin/README.md): the runtime model as JSON, only
 * with the admin's credentials; actions only with the CSRF token; the Gogo command functions
 * return the same model.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AdminApiIT extends CeriseTestSupport {

    private static final String PASSWORD = "itest-admin-pw";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigurationAdmin configAdmin() {
        return context().getService(context().getServiceReference(ConfigurationAdmin.class));
    }

    private Object stored(String pid, String key) throws Exception {
        Dictionary<String, Object> p = configAdmin().getConfiguration(pid, "?").getProperties();
        return p == null ? null : p.get(key);
    }

    /**
     * The container started without an admin password: one was generated and stored hashed (no
     * default admin/admin). Then the test sets its own, as an operator would, and waits until it is
     * in force ({@link AdminLogin#setPassword}).
     */
    @Before
    public void ownPassword() throws Exception {
        if (passwordSet) {
            return;
        }
        AdminLogin.setPassword(context(), PASSWORD, MOUNT_DEADLINE, () -> api("GET", "/apps", null, null, true));
        passwordSet = true;
    }

    /** Set once per container (the probe's classes are loaded afresh for each). */
    private static volatile boolean passwordSet;

    private HttpResponse<String> api(String method, String path, String body, String csrf, boolean auth)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/cerise/api" + path)));
        if (auth) {
            b.header("Authorization", basic("admin", PASSWORD));
        }
        if (csrf != null) {
            b.header("X-Cerise-CSRF", csrf);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b);
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> r = api("GET", path, null, null, true);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static JsonNode byName(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        return null;
    }

    @Test
    public void withoutTheCredentialsNothingIsShown() throws Exception {
        HttpResponse<String> none = api("GET", "/apps", null, null, false);
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
        assertTrue(!none.body().contains("tut07"));
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(url("/cerise/api/apps")))
                .header("Authorization", basic("admin", "admin")));
        assertEquals("no default admin/admin", 401, wrong.statusCode());
        assertEquals(401, api("POST", "/store", "{\"store\": \"file\"}", null, false).statusCode());
    }

    @Test
    public void theModelAsJson() throws Exception {
        JsonNode tut07 = byName(json("/apps"), "tut07");
        assertNotNull(tut07);
        assertEquals("/tut07", tut07.path("mount").asText());
        assertEquals("MOUNTED", tut07.path("state").asText());
        assertTrue(tut07.path("reason").isNull());
        assertTrue(tut07.path("bundle").asText().startsWith("org.cerise.examples"));
        // tut07.conf: request.dispatch = "method", tools.sessions.on, tools.response_headers.on
        assertEquals("[\"method\"]", tut07.path("dispatchers").toString());
        assertTrue(tut07.toString(), tut07.path("tools").toString().contains("\"sessions\""));
        assertTrue(tut07.toString(), tut07.path("tools").toString().contains("\"response_headers\""));

        JsonNode sessions = byName(json("/tools"), "sessions");
        assertNotNull(sessions);
        assertEquals("org.cerise.tool.sessions", sessions.path("bundle").asText());
        assertNotNull(byName(json("/dispatchers"), "tree"));
        assertNotNull(byName(json("/dispatchers"), "method"));

        JsonNode s = json("/sessions");
        assertEquals("ram", s.path("active").asText());
        assertNotNull(byName(s.path("stores"), "ram"));
        assertNotNull(byName(s.path("stores"), "file"));

        JsonNode e = json("/explain?path=/tut07/");
        assertEquals("tut07", e.path("app").asText());
        assertEquals("method", e.path("dispatcher").asText());
        assertTrue(e.toString(), e.path("handler").asText().contains("StringGeneratorWebService.GET"));
        assertEquals("true", e.path("config").path("tools.sessions.on").asText());
        assertTrue(e.toString(), e.path("tools").toString().contains("\"sessions\""));
        assertEquals("a path outside every app", "", json("/explain?path=/nowhere/at/all").path("app").asText(""));
        assertEquals(400, api("GET", "/explain", null, null, true).statusCode());
    }

    @Test
    public void requestCountersMove() throws Exception {
        JsonNode before = json("/requests");
        long tut01 = before.path("perApp").path("tut01").asLong(0);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get("/tut01/").statusCode());
        }
        assertEquals(404, get("/tut01/no-such-page").statusCode());
        JsonNode after = json("/requests");
        assertEquals(tut01 + 4, after.path("perApp").path("tut01").asLong());
        assertTrue(after.path("total").asLong() >= before.path("total").asLong() + 4);
        assertTrue(after.path("perStatus").path("4xx").asLong() >= before.path("perStatus").path("4xx").asLong() + 1);
        assertTrue(after.has("perSecondLastMinute"));
    }

    @Test
    public void actionsNeedTheCsrfTokenAndAreDoneWithIt() throws Exception {
        Object storeBefore = stored("org.cerise.session", "store");
        HttpResponse<String> missing = api("POST", "/store", "{\"store\": \"file\"}", null, true);
        assertEquals(403, missing.statusCode());
        HttpResponse<String> bad = api("POST", "/store", "{\"store\": \"file\"}", "forged", true);
        assertEquals(403, bad.statusCode());
        assertEquals("nothing changed", storeBefore, stored("org.cerise.session", "store"));
        assertEquals("ram", json("/sessions").path("active").asText());

        String token = json("/csrf").path("token").asText();
        assertEquals("a store that is not installed: refused, nothing changed", 409,
                api("POST", "/store", "{\"store\": \"nosuch\"}", token, true).statusCode());
        assertEquals(400, api("POST", "/store", "{\"store\": 3}", token, true).statusCode());
        assertEquals(400, api("POST", "/store", "not json", token, true).statusCode());
        assertEquals(storeBefore, stored("org.cerise.session", "store"));

        try {
            HttpResponse<String> ok = api("POST", "/store", "{\"store\": \"file\"}", token, true);
            assertEquals(ok.body(), 202, ok.statusCode());
            assertEquals("file", stored("org.cerise.session", "store"));
            awaitActive("file");
        } finally {
            assertEquals(202, api("POST", "/store", "{\"store\": \"ram\"}", token, true).statusCode());
            awaitActive("ram");
        }
    }

    private void awaitActive(String store) throws Exception {
        long end = System.nanoTime() + MOUNT_DEADLINE.toNanos();
        String active;
        while (!(active = json("/sessions").path("active").asText()).equals(store)) {
            if (System.nanoTime() > end) {
                fail("the active session store stayed '" + active + "', wanted '" + store + "'");
            }
            Thread.sleep(50);
        }
    }

    @Test
    public void theGogoCommandsShowTheSameModel() throws Exception {
        ServiceReference<?>[] refs = context().getServiceReferences((String) null, "(&(osgi.command.scope=cerise)(osgi.command.function=apps))");
        assertNotNull("the cerise commands are registered", refs);
        assertEquals(1, refs.length);
        List<String> functions = List.of((String[]) refs[0].getProperty("osgi.command.function"));
        assertTrue(functions.toString(), functions.containsAll(List.of("apps", "explain", "store", "sessions",
                "tools", "dispatchers", "requests")));
        Object commands = context().getService(refs[0]);
        @SuppressWarnings("unchecked")
        List<AppInfo> apps = (List<AppInfo>) commands.getClass().getMethod("apps").invoke(commands);
        List<String> fromGogo = new ArrayList<>();
        apps.forEach(a -> fromGogo.add(a.name() + " " + a.mount() + " " + a.state() + " " + a.bundle()));
        List<String> fromJson = new ArrayList<>();
        json("/apps").forEach(a -> fromJson.add(a.path("name").asText() + " " + a.path("mount").asText() + " "
                + a.path("state").asText() + " " + a.path("bundle").asText()));
        assertEquals(fromJson, fromGogo);
        Object explained = commands.getClass().getMethod("explain", String.class).invoke(commands, "/tut07/");
        assertEquals(json("/explain?path=/tut07/").path("handler").asText(),
                ((org.cerise.api.runtime.Explanation) explained).handler());
    }
}
