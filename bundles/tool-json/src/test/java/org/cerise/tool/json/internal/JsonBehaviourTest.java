package org.cerise.tool.json.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cerise.api.Expose;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.UseTool;
import org.cerise.api.tool.Hook;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.tool.json.Json;
import org.junit.jupiter.api.Test;

/**
 * json_in and json_out in the real pipeline. Expected answers observed on CherryPy 18.8 (an echo
 * page with both tools, a page with {@code json_in(force=False)}, json_out pages returning a dict,
 * a list with {@code content_type=None}, a string, and raising 403).
 */
class JsonBehaviourTest {

    /** A client-side record, for {@link Json#read}. */
    public record Order(String item, int quantity) {
    }

    public static class Site {
        @Expose
        @UseTool("json_in")
        @UseTool("json_out")
        public Object echo(Request request) {
            return request.json();
        }

        @Expose
        @UseTool("json_in")
        public String lax(Request request, Optional<String> a) {
            return "json=" + request.json() + " a=" + a.orElse("null");
        }

        @Expose
        @UseTool("json_in")
        public String order(Request request) {
            Order order = Json.read(request, Order.class);
            return order.quantity() + " x " + order.item();
        }

        @Expose
        @UseTool("json_in")
        public String raw(Request request) throws java.io.IOException {
            return request.json() + " from " + new String(request.bodyBytes(), StandardCharsets.UTF_8);
        }

        @Expose
        @UseTool("json_in")
        public String types(Request request) {
            StringBuilder b = new StringBuilder();
            for (Object v : (List<?>) request.json()) {
                b.append(v == null ? "null" : v.getClass().getSimpleName()).append(' ');
            }
            return b.toString().strip();
        }

        @Expose
        @UseTool("json_out")
        public Map<String, Object> out() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("a", 1);
            m.put("b", java.util.Arrays.asList(1, 2.5, null, true));
            m.put("c", "\u00e9");
            return m;
        }

        @Expose
        @UseTool("json_out")
        public String s() {
            return "str";
        }

        @Expose
        @UseTool("json_out")
        public Order record() {
            return new Order("tea", 2);
        }

        @Expose
        @UseTool("json_out")
        public Object err() {
            throw new HttpError(403);
        }
    }

    /** A before_request_body hook at priority 50 that refuses every request, like a referer check. */
    public static final class Refuse implements Hook {
        @Override
        public void run(Request request, org.cerise.api.Response response) {
            throw new HttpError(403, "Forbidden Referer header.");
        }
    }

    private static Harness harness(String config) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("json_in", new JsonInTool())
                .tool("json_out", new JsonOutTool()).config(config);
    }

    private static Harness.Result post(String path, String body, String... headers) {
        return harness("").request("POST", path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static String message(Harness.Result r) {
        String page = r.text();
        int start = page.indexOf("<p>") + 3;
        return page.substring(start, page.indexOf("</p>", start));
    }

    @Test
    void aJsonBodyRoundTripsAsCherryPyWritesIt() {
        Harness.Result r = post("/app/echo", "{\"a\": [1, 2.5, \"\\u00e9\", null, true]}", "Content-Type: application/json");
        assertEquals(200, r.status(), r::toString);
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("{\"a\": [1, 2.5, \"\\u00e9\", null, true]}", r.text());
        assertEquals("37", r.header("Content-Length"));
        assertEquals("{\"a\": 1}", post("/app/echo", "{\"a\": 1}", "Content-Type: application/json; charset=utf-8").text());
        assertEquals("[1, NaN]", harness("").request("PUT", "/app/echo", "[1, NaN]".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: text/javascript").text());
        assertEquals("12345678901234567890123",
                post("/app/echo", "12345678901234567890123", "Content-Type: application/json").text());
    }

    @Test
    void numbersAreLongBigIntegerAndDouble() {
        assertEquals("Integer Long BigInteger Double String Boolean null",
                post("/app/types", "[1, 12345678901, 12345678901234567890123, 1.5, \"s\", false, null]",
                        "Content-Type: application/json").text());
    }

    @Test
    void badJsonIs400() {
        for (String body : List.of("{\"a\": 1", "{\"a\": 1} x", "")) {
            Harness.Result r = post("/app/echo", body, "Content-Type: application/json");
            assertEquals(400, r.status(), body);
            assertEquals("Invalid JSON document", message(r));
        }
        Harness.Result latin = harness("").request("POST", "/app/echo", new byte[] {'"', (byte) 0xe9, '"'},
                "Content-Type: application/json");
        assertEquals(400, latin.status(), "the body must be UTF-8");
    }

    @Test
    void otherMediaTypesAre415WhenForced() {
        for (String ct : List.of("text/plain", "Application/JSON", "application/x-www-form-urlencoded")) {
            Harness.Result r = post("/app/echo", "{\"a\": 1}", "Content-Type: " + ct);
            assertEquals(415, r.status(), ct);
            assertEquals("Expected an entity of content type application/json, text/javascript", message(r));
        }
        assertEquals(415, post("/app/echo", "{}").status(), "no Content-Type");
        for (String ct : List.of("application/json, text/plain", "application/json;q=0.1, text/plain",
                "application/json, application/xml")) {
            assertEquals(415, post("/app/echo", "{\"a\": 1}", "Content-Type: " + ct).status(), ct);
        }
        assertEquals(415, post("/app/echo", "{}", "Content-Type: text/plain", "Transfer-Encoding: chunked").status());
    }

    /** Observed on CherryPy 18.8: its request body takes the first of the Content-Type's sorted elements. */
    @Test
    void theMediaTypeIsTheFirstElementOfTheContentTypeAsCherryPySortsThem() {
        assertEquals("{\"a\": 1}", post("/app/echo", "{\"a\": 1}", "Content-Type: text/javascript, application/json")
                .text());
        assertEquals("{\"a\": 1}", post("/app/echo", "{\"a\": 1}", "Content-Type:  application/json ; charset=utf-8")
                .text());
    }

    @Test
    void aBodyWithoutContentLengthIs411() {
        assertEquals(411, post("/app/echo", null, "Content-Type: application/json").status());
        assertEquals(411, post("/app/echo", null, "Content-Type: text/plain").status(), "411 comes before 415");
        assertEquals(411, post("/app/echo", "{}", "Content-Type: application/json", "Transfer-Encoding: chunked").status(),
                "the JSON processor wants a Content-Length");
    }

    @Test
    void withoutForceOtherTypesAreProcessedAsUsual() {
        Harness h = harness("[/]\ntools.json_in.force = False\n");
        assertEquals("json=null a=1", h.request("POST", "/app/lax", "a=1".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: application/x-www-form-urlencoded").text());
        assertEquals("json={q=1} a=null", h.request("POST", "/app/lax", "{\"q\": 1}".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: application/json").text());
        assertEquals("json=null a=null", h.request("POST", "/app/lax", "x".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: text/plain").text());
    }

    @Test
    void requestsWithoutABodyAreNotRead() {
        Harness.Result r = harness("").get("/app/lax?a=2");
        assertEquals("json=null a=2", r.text());
    }

    @Test
    void theBodyIsReadAfterEveryOtherBeforeRequestBodyHook() {
        Harness h = harness("[/]\nhooks.before_request_body = '" + Refuse.class.getName() + "'\n");
        Harness.Result r = h.request("POST", "/app/echo", "{bad".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: application/json");
        assertEquals(403, r.status(), "the priority-50 hook answers before the body is parsed");
    }

    @Test
    void theContentTypesAreConfigurable() {
        Harness h = harness("[/]\ntools.json_in.content_type = 'application/vnd.api+json'\n");
        assertEquals("{\"a\": 1}", h.request("POST", "/app/echo", "{\"a\": 1}".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: application/vnd.api+json").text());
        Harness.Result r = h.request("POST", "/app/echo", "{}".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: application/json");
        assertEquals("Expected an entity of content type application/vnd.api+json", message(r));
    }

    @Test
    void aLargerBodyThanAllowedIs413() {
        Harness h = harness("[/]\nrequest.body.maxbytes = 4\n");
        assertEquals(413, h.request("POST", "/app/echo", "[1, 2]".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: application/json").status());
        assertEquals("[1]", h.request("POST", "/app/echo", "[1]".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: application/json").text());
        Harness server = harness("").global("server.max_request_body_size", 4L);
        assertEquals(413, server.request("POST", "/app/echo", "[1, 2]".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: application/json").status(), "the core's fallback limit");
    }

    /** Not in CherryPy, whose json_in consumes the body: Cerise keeps it (Request.bodyBytes). */
    @Test
    void theHandlerCanStillReadTheBody() {
        assertEquals("{a=1} from {\"a\":1}", post("/app/raw", "{\"a\":1}", "Content-Type: application/json").text());
    }

    @Test
    void jsonOutWritesWhatTheHandlerReturns() {
        Harness.Result r = harness("").get("/app/out");
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("{\"a\": 1, \"b\": [1, 2.5, null, true], \"c\": \"\\u00e9\"}", r.text());
        assertEquals("\"str\"", harness("").get("/app/s").text());
        assertEquals("{\"item\": \"tea\", \"quantity\": 2}", harness("").get("/app/record").text());
        Harness.Result err = harness("").get("/app/err");
        assertEquals(403, err.status());
        assertTrue(err.header("Content-Type").startsWith("text/html"), "the error page, not JSON");
    }

    @Test
    void aNoneContentTypeLeavesTheHeaderAlone() {
        Harness.Result r = harness("[/out]\ntools.json_out.content_type = None\n").get("/app/out");
        assertTrue(r.header("Content-Type").startsWith("text/html"), r.header("Content-Type"));
        assertTrue(r.text().startsWith("{\"a\": 1"));
    }

    @Test
    void jsonReadConvertsTheDocumentToAClass() {
        assertEquals("2 x tea", post("/app/order", "{\"item\": \"tea\", \"quantity\": 2}", "Content-Type: application/json")
                .text());
        Harness.Result r = post("/app/order", "{\"item\": \"tea\", \"quantity\": \"many\"}", "Content-Type: application/json");
        assertEquals(400, r.status());
        assertEquals("Invalid JSON document", message(r));
    }
}
