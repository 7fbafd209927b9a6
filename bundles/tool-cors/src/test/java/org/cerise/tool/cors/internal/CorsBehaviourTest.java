package org.cerise.tool.cors.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.cerise.api.Expose;
import org.cerise.api.HttpRedirect;
import org.cerise.api.Response;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.tool.authbasic.internal.AuthBasicTool;
import org.junit.jupiter.api.Test;

/**
 * The cors tool in the real pipeline, against the CORS protocol of the Fetch standard
 * (https://fetch.spec.whatwg.org/#http-cors-protocol). CherryPy has no such tool.
 */
class CorsBehaviourTest {

    public static class Api {
        final AtomicInteger calls = new AtomicInteger();

        @Expose
        public String data(Response response) {
            calls.incrementAndGet();
            return "data";
        }

        @Expose
        public String varied(Response response) {
            response.setHeader("Vary", "Accept-Encoding");
            return "varied";
        }

        @Expose
        public String boom() {
            throw new IllegalStateException("boom");
        }
    }

    private static final String STRICT = "[/]\n"
            + "tools.cors.on = True\n"
            + "tools.cors.origins = ['https://a.example', 'https://*.b.example', 'http://localhost:3000']\n"
            + "tools.cors.methods = ['GET', 'put']\n"
            + "tools.cors.headers = ['Content-Type', 'X-Token']\n"
            + "tools.cors.expose_headers = ['ETag', 'X-Total']\n"
            + "tools.cors.credentials = True\n"
            + "tools.cors.max_age = 600\n";

    private final Api api = new Api();

    private Harness harness(String config) {
        return Harness.of(api).dispatcher("tree", new TreeDispatcher()).tool("cors", new CorsTool()).config(config);
    }

    private static Harness.Result preflight(Harness h, String origin, String method, String headers) {
        return headers == null
                ? h.request("OPTIONS", "/app/data", null, "Origin: " + origin, "Access-Control-Request-Method: " + method)
                : h.request("OPTIONS", "/app/data", null, "Origin: " + origin, "Access-Control-Request-Method: " + method,
                        "Access-Control-Request-Headers: " + headers);
    }

    @Test
    void anAllowedPreflightIsAnsweredWithoutTheHandler() {
        Harness.Result r = preflight(harness(STRICT), "https://a.example", "PUT", "content-type,x-token");
        assertEquals(204, r.status(), r.toString());
        assertEquals("https://a.example", r.header("Access-Control-Allow-Origin"));
        assertEquals("true", r.header("Access-Control-Allow-Credentials"));
        assertEquals("GET, PUT", r.header("Access-Control-Allow-Methods"));
        assertEquals("Content-Type, X-Token", r.header("Access-Control-Allow-Headers"));
        assertEquals("600", r.header("Access-Control-Max-Age"));
        assertEquals("Origin, Access-Control-Request-Method, Access-Control-Request-Headers", r.header("Vary"));
        assertNull(r.header("Access-Control-Expose-Headers"), "only for actual responses");
        assertEquals(0, r.body().length);
        assertEquals(0, api.calls.get());
    }

    @Test
    void aPreflightThatAsksForTooMuchIsRefusedWithoutCorsHeaders() {
        Harness h = harness(STRICT);
        for (Harness.Result r : List.of(
                preflight(h, "https://evil.example", "PUT", null),
                preflight(h, "https://b.example", "GET", null),
                preflight(h, "https://a.example", "DELETE", null),
                preflight(h, "https://a.example", "PATCH", null),
                preflight(h, "https://a.example", "GET", "x-other"),
                preflight(h, "https://a.example", "GET", "authorization"))) {
            assertEquals(403, r.status(), r.toString());
            assertNull(r.header("Access-Control-Allow-Origin"));
            assertTrue(r.header("Vary").startsWith("Origin"), r.toString());
        }
        assertTrue(preflight(h, "https://evil.example", "PUT", null).text()
                .contains("CORS preflight refused: the origin https://evil.example is not allowed."));
        assertEquals(0, api.calls.get());
        assertEquals(204, preflight(h, "https://a.example", "put", null).status(), "Fetch normalizes put to PUT");
    }

    @Test
    void originsMatchByNameSubdomainPatternAndDefaultPort() {
        Harness h = harness(STRICT.replace("'https://a.example'", "'HTTPS://A.example:443'"));
        assertEquals(204, preflight(h, "https://a.example", "GET", null).status());
        assertEquals(204, preflight(h, "https://x.b.example", "GET", null).status());
        assertEquals(204, preflight(h, "https://x.y.b.example", "GET", null).status());
        assertEquals(403, preflight(h, "http://x.b.example", "GET", null).status(), "another scheme");
        assertEquals(403, preflight(h, "https://xb.example", "GET", null).status());
        assertEquals(403, preflight(h, "https://x.b.example:8443", "GET", null).status(), "another port");
        assertEquals(204, preflight(h, "http://localhost:3000", "GET", null).status());
        assertEquals(403, preflight(h, "http://localhost:3001", "GET", null).status());
        assertEquals(403, preflight(h, "null", "GET", null).status());
    }

    @Test
    void anOptionsRequestThatIsNoPreflightReachesTheHandler() {
        Harness.Result r = harness(STRICT).request("OPTIONS", "/app/data", null, "Origin: https://a.example");
        assertEquals("data", r.text());
        assertEquals("https://a.example", r.header("Access-Control-Allow-Origin"));
    }

    @Test
    void actualResponsesNameAnAllowedOriginAndAlwaysVary() {
        Harness h = harness(STRICT);
        Harness.Result allowed = h.get("/app/data", "Origin: https://a.example");
        assertEquals("data", allowed.text());
        assertEquals("https://a.example", allowed.header("Access-Control-Allow-Origin"));
        assertEquals("true", allowed.header("Access-Control-Allow-Credentials"));
        assertEquals("ETag, X-Total", allowed.header("Access-Control-Expose-Headers"));
        assertEquals("Origin", allowed.header("Vary"));

        for (Harness.Result r : List.of(h.get("/app/data", "Origin: https://evil.example"), h.get("/app/data"))) {
            assertEquals("data", r.text(), "the server serves; the browser withholds it");
            assertNull(r.header("Access-Control-Allow-Origin"));
            assertNull(r.header("Access-Control-Allow-Credentials"));
            assertNull(r.header("Access-Control-Expose-Headers"));
            assertEquals("Origin", r.header("Vary"), "so that caches keep the answers apart");
        }
        assertEquals("Accept-Encoding, Origin", h.get("/app/varied", "Origin: https://a.example").header("Vary"));
    }

    @Test
    void errorResponsesCarryTheHeadersTooSoThatScriptsCanReadThem() {
        Harness h = harness(STRICT);
        Harness.Result missing = h.get("/app/nothing", "Origin: https://a.example");
        assertEquals(404, missing.status());
        assertEquals("https://a.example", missing.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", missing.header("Vary"));
        Harness.Result failed = h.get("/app/boom", "Origin: https://a.example");
        assertEquals(500, failed.status());
        assertEquals("https://a.example", failed.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", failed.header("Vary"));
    }

    @Test
    void anyOriginWithoutCredentialsIsAStarOnEveryResponseAndVariesNothing() {
        Harness h = harness("[/]\ntools.cors.on = True\ntools.cors.origins = '*'\n"
                + "tools.cors.expose_headers = '*'\n");
        for (Harness.Result r : List.of(h.get("/app/data", "Origin: https://any.example"), h.get("/app/data"),
                h.get("/app/data", "Origin: null"))) {
            assertEquals("*", r.header("Access-Control-Allow-Origin"));
            assertEquals("*", r.header("Access-Control-Expose-Headers"));
            assertNull(r.header("Access-Control-Allow-Credentials"));
            assertNull(r.header("Vary"));
        }
        Harness.Result p = preflight(h, "https://any.example", "POST", null);
        assertEquals(204, p.status());
        assertEquals("*", p.header("Access-Control-Allow-Origin"));
        assertEquals("GET, HEAD, POST", p.header("Access-Control-Allow-Methods"), "the default methods");
        assertNull(p.header("Access-Control-Allow-Headers"));
        assertNull(p.header("Access-Control-Max-Age"));
        assertEquals(403, preflight(h, "https://any.example", "PUT", null).status());
    }

    @Test
    void anyOriginWithCredentialsEchoesTheOriginNeverAStar() {
        Harness h = harness("[/]\ntools.cors.on = True\ntools.cors.origins = '*'\ntools.cors.credentials = True\n");
        Harness.Result r = h.get("/app/data", "Origin: https://any.example");
        assertEquals("https://any.example", r.header("Access-Control-Allow-Origin"));
        assertEquals("true", r.header("Access-Control-Allow-Credentials"));
        assertEquals("Origin", r.header("Vary"));
        assertNull(h.get("/app/data", "Origin: null").header("Access-Control-Allow-Origin"),
                "sandboxed pages are not everyone");
        Harness.Result p = preflight(h, "https://any.example", "GET", null);
        assertEquals("https://any.example", p.header("Access-Control-Allow-Origin"));
        Harness listed = harness("[/]\ntools.cors.on = True\ntools.cors.origins = ['null']\ntools.cors.credentials = True\n");
        assertEquals("null", listed.get("/app/data", "Origin: null").header("Access-Control-Allow-Origin"));
    }

    @Test
    void wildcardMethodsAndHeadersFollowFetch() {
        Harness h = harness("[/]\ntools.cors.on = True\ntools.cors.origins = ['https://a.example']\n"
                + "tools.cors.methods = '*'\ntools.cors.headers = '*'\n");
        Harness.Result p = preflight(h, "https://a.example", "PATCH", "x-a, x-b");
        assertEquals(204, p.status());
        assertEquals("*", p.header("Access-Control-Allow-Methods"));
        assertEquals("*", p.header("Access-Control-Allow-Headers"));
        assertEquals(403, preflight(h, "https://a.example", "PATCH", "authorization").status(),
                "'*' does not cover Authorization");

        Harness withAuth = harness("[/]\ntools.cors.on = True\ntools.cors.origins = ['https://a.example']\n"
                + "tools.cors.methods = '*'\ntools.cors.headers = ['*', 'Authorization']\ntools.cors.credentials = True\n");
        Harness.Result c = preflight(withAuth, "https://a.example", "PATCH", "x-a,authorization");
        assertEquals(204, c.status());
        assertEquals("PATCH", c.header("Access-Control-Allow-Methods"), "with credentials '*' would be a name");
        assertEquals("x-a, authorization", c.header("Access-Control-Allow-Headers"));
    }

    @Test
    void authToolsLetThePreflightThroughAndTheRefusalIsReadable() {
        Harness h = harness(STRICT + "tools.auth_basic.on = True\ntools.auth_basic.realm = 'api'\n"
                + "tools.auth_basic.users = {'alice': 'secret'}\n").tool("auth_basic", new AuthBasicTool());
        Harness.Result p = preflight(h, "https://a.example", "PUT", "x-token");
        assertEquals(204, p.status(), p.toString());
        assertEquals("https://a.example", p.header("Access-Control-Allow-Origin"));
        Harness.Result unauthorized = h.get("/app/data", "Origin: https://a.example");
        assertEquals(401, unauthorized.status());
        assertEquals("https://a.example", unauthorized.header("Access-Control-Allow-Origin"));
        assertEquals(401, h.request("OPTIONS", "/app/data", null, "Origin: https://a.example").status(),
                "an OPTIONS that is no preflight still needs credentials");
        assertEquals(200, h.get("/app/data", "Origin: https://a.example", "Authorization: Basic YWxpY2U6c2VjcmV0").status());
    }

    @Test
    void nothingAfterTheStartOfTheResourceRunsForAnAllowedPreflightButFinalizing() {
        List<String> ran = new ArrayList<>();
        Tool watcher = setup -> {
            setup.hook(HookPoint.ON_START_RESOURCE, 60, false, (request, response) -> ran.add("on_start_resource"));
            setup.hook(HookPoint.BEFORE_REQUEST_BODY, 50, false, (request, response) -> ran.add("before_request_body"));
            setup.hook(HookPoint.BEFORE_HANDLER, 50, false, (request, response) -> {
                throw new HttpRedirect("/elsewhere");
            });
            setup.hook(HookPoint.BEFORE_FINALIZE, 50, false, (request, response) -> ran.add("before_finalize"));
        };
        Harness h = harness(STRICT + "tools.watcher.on = True\n").tool("watcher", watcher);
        Harness.Result r = preflight(h, "https://a.example", "PUT", null);
        assertEquals(204, r.status(), r.toString());
        assertEquals(List.of("on_start_resource", "before_finalize"), ran, "the rest of on_start_resource, then finalizing");
        assertEquals(0, api.calls.get());
        ran.clear();
        assertEquals(303, h.request("OPTIONS", "/app/data", null, "Origin: https://a.example").status(),
                "an OPTIONS that is no preflight is served as usual");
        assertEquals(List.of("on_start_resource", "before_request_body", "before_finalize"), ran);
    }
}
