package org.cerise.itests;

import static org.cerise.itests.AdminLogin.basic;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Felix Web Console at /system/console over real HTTP (bundles/admin/README.md): it takes
 * the admin API's credentials and nothing else (its own admin/admin default does not work), and
 * shows the runtime model in a "Cerise" category.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AdminConsoleIT extends CeriseTestSupport {

    private static final String PASSWORD = "itest-console-pw";
    private static final Pattern TUT07_ROW = Pattern.compile("<tr><td>tut07</td>(.*?)</tr>", Pattern.DOTALL);

    private HttpResponse<String> console(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/system/console" + path)));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b);
    }

    /** Set once per container (the probe's classes are loaded afresh for each). */
    private static volatile boolean ready;

    /**
     * Sets the admin password as an operator would (the generated one is only logged), then
     * waits for the console: it registers a moment after the first servlet answers (P14).
     */
    @Before
    public void consoleUp() throws Exception {
        if (ready) {
            return;
        }
        AdminLogin.setPassword(context(), PASSWORD, BOOT_DEADLINE, () -> console("/cerise-apps", basic("admin", PASSWORD)));
        ready = true;
    }

    @Test
    public void theConsoleRefusesItsOwnDefaultAndAnonymousUsers() throws Exception {
        for (String path : new String[] {"/", "/bundles", "/cerise-apps"}) {
            HttpResponse<String> r = console(path, basic("admin", "admin"));
            assertEquals("admin/admin on " + path, 401, r.statusCode());
            assertEquals("Basic realm=\"cerise-admin\", charset=\"UTF-8\"", r.headers().firstValue("WWW-Authenticate").orElse(null));
            assertTrue(r.body(), !r.body().contains("tut07"));
            assertEquals("no credentials on " + path, 401, console(path, null).statusCode());
            assertEquals("a wrong password on " + path, 401, console(path, basic("admin", PASSWORD + "x")).statusCode());
        }
    }

    @Test
    public void theAdminCredentialsOpenTheConsole() throws Exception {
        HttpResponse<String> r = console("/bundles", basic("admin", PASSWORD));
        assertEquals(200, r.statusCode());
        assertTrue(r.body(), r.body().contains("org.cerise.admin"));
    }

    @Test
    public void theAppsPageListsTut07AsMounted() throws Exception {
        HttpResponse<String> r = console("/cerise-apps", basic("admin", PASSWORD));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse(""), r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        Matcher row = TUT07_ROW.matcher(r.body());
        assertTrue(r.body(), row.find());
        assertTrue(row.group(1), row.group(1).startsWith("<td>/tut07</td><td>org.cerise.examples.tut07 "));
        assertTrue(row.group(1), row.group(1).contains("<td>MOUNTED</td><td></td>"));
    }

    @Test
    public void theCeriseCategoryIsInTheNavigation() throws Exception {
        String body = console("/bundles", basic("admin", PASSWORD)).body();
        assertTrue(body, body.contains("Cerise"));
        for (String page : new String[] {"cerise-apps", "cerise-tools", "cerise-dispatchers", "cerise-sessions", "cerise-requests"}) {
            assertTrue(page + " in " + body, body.contains("/system/console/" + page + "\""));
        }
    }

    @Test
    public void theOtherPagesShowTheModel() throws Exception {
        String auth = basic("admin", PASSWORD);
        String dispatchers = console("/cerise-dispatchers", auth).body();
        assertTrue(dispatchers, dispatchers.contains("<td>tree</td>") && dispatchers.contains("<td>method</td>"));
        String sessions = console("/cerise-sessions", auth).body();
        assertTrue(sessions, sessions.contains("<th>Active store</th>"));
        String requests = console("/cerise-requests", auth).body();
        assertTrue(requests, requests.contains("<th>Total</th>"));
        String tools = console("/cerise-tools", auth).body();
        assertTrue(tools, tools.contains("<td>gzip</td>"));
    }

    /**
     * Requests an app served, a hostile path among them, are listed newest first with their
     * statuses in the JSON API, and on the console's Requests page as escaped text.
     */
    @Test
    public void recentRequestsInTheApiAndOnTheRequestsPage() throws Exception {
        String auth = basic("admin", PASSWORD);
        String nonce = Long.toString(System.nanoTime(), 36);
        assertEquals(200, get("/tut01/").statusCode());
        HttpResponse<String> hostile = get("/tut01/%3Cscript%3Ealert(" + nonce + ")%3C/script%3E");
        assertEquals(404, hostile.statusCode());
        String path = "/tut01/<script>alert(" + nonce + ")</script>";

        HttpResponse<String> api = send(HttpRequest.newBuilder(URI.create(url("/cerise/api/requests/recent")))
                .header("Authorization", auth));
        assertEquals(api.body(), 200, api.statusCode());
        assertTrue(api.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode list = new ObjectMapper().readTree(api.body());
        assertTrue(api.body(), list.isArray() && list.size() >= 2 && list.size() <= 100);
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                assertTrue("newest first", list.get(i - 1).path("sequence").asLong() > list.get(i).path("sequence").asLong());
            }
            if (list.get(i).path("path").asText().equals(path)) {
                at = i;
            }
        }
        assertTrue(api.body(), at >= 0);
        JsonNode bad = list.get(at);
        assertEquals(404, bad.path("status").asInt());
        assertEquals("tut01", bad.path("app").asText());
        assertEquals("GET", bad.path("method").asText());
        assertEquals("", bad.path("query").asText());
        assertEquals("127.0.0.1", bad.path("remoteAddress").asText());
        assertTrue(bad.toString(), bad.path("millis").asDouble(-1) >= 0);
        assertTrue(bad.toString(), bad.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
        JsonNode ok = list.get(at + 1);
        assertEquals("the request before it", "/tut01/", ok.path("path").asText());
        assertEquals(200, ok.path("status").asInt());

        assertEquals(401, get("/cerise/api/requests/recent").statusCode());

        String page = console("/cerise-requests", auth).body();
        assertTrue(page, page.contains("id=\"cerise-recent\""));
        assertTrue(page, page.contains("<td>tut01</td><td>GET</td><td>/tut01/&lt;script&gt;alert(" + nonce
                + ")&lt;/script&gt;</td><td>404</td>"));
        assertTrue(page, !page.contains("<script>alert(" + nonce));
    }

    /**
     * Without the admin's security provider the console closes instead of falling back to its
     * built-in admin/admin (launch property felix.webconsole.security.providers=cerise-admin).
     */
    @Test
    public void withoutTheAdminProviderTheConsoleIsClosedNotOpenToItsDefault() throws Exception {
        assertEquals("cerise-admin", context().getProperty("felix.webconsole.security.providers"));
        ServiceComponentRuntime scr = context().getService(context().getServiceReference(ServiceComponentRuntime.class));
        ComponentDescriptionDTO provider = null;
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (d.name.equals("org.cerise.admin.internal.ConsoleSecurityProvider")) {
                provider = d;
            }
        }
        if (provider == null) {
            fail("no ConsoleSecurityProvider component");
        }
        scr.disableComponent(provider).getValue();
        try {
            HttpResponse<String> r = await("/system/console/bundles", x -> x.statusCode() != 200 && x.statusCode() != 401,
                    MOUNT_DEADLINE);
            assertTrue(r.statusCode() + " " + r.body(), r.statusCode() == 404);
            assertTrue(console("/bundles", basic("admin", "admin")).statusCode() == 404);
            assertTrue(console("/bundles", basic("admin", PASSWORD)).statusCode() == 404);
        } finally {
            scr.enableComponent(provider).getValue();
        }
        long until = System.nanoTime() + BOOT_DEADLINE.toNanos();
        while (console("/cerise-apps", basic("admin", PASSWORD)).statusCode() != 200) {
            if (System.nanoTime() > until) {
                fail("the console did not come back with the provider");
            }
            Thread.sleep(100);
        }
        assertEquals(401, console("/bundles", basic("admin", "admin")).statusCode());
    }
}
