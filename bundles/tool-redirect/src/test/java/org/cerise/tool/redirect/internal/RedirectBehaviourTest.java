package org.cerise.tool.redirect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.cerise.api.Expose;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.Hook;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/**
 * Both tools in the real pipeline. Expectations observed on CherryPy 18.8 (app at {@code /}):
 * {@code redirect(url='/target')} serves {@code /target} as a GET without the query string or
 * the form body, with {@code request.prev} set, also for a POST; {@code redirect(url='target',
 * internal=False)} answers 303 (302 for HTTP/1.0) to the target resolved against the request
 * URL; {@code err_redirect(url='/target')} serves {@code /target} for a handler that raises,
 * {@code internal=False} answers 303; a 404 {@code HTTPError} keeps its page.
 */
class RedirectBehaviourTest {

    public static class Site {
        @Expose
        public String page() {
            return "never";
        }

        @Expose
        public String target(Request request, Map<String, String> params) {
            return "target " + request.method() + " " + params + " prev=" + (request.previous() != null);
        }

        @Expose
        public String boom() {
            throw new IllegalStateException("boom");
        }

        @Expose
        public String missing() {
            throw new HttpError(404);
        }
    }

    /** Fails every request at on_start_resource, before the tools of that point. */
    public static class Crash implements Hook {
        @Override
        public void run(Request request, Response response) {
            throw new IllegalStateException("crash");
        }
    }

    private static Harness harness(String config) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("redirect", new RedirectTool())
                .tool("err_redirect", new ErrRedirectTool()).config(config);
    }

    @Test
    void anInternalRedirectServesTheTargetAsAFreshGet() {
        Harness h = harness("[/page]\ntools.redirect.on = True\ntools.redirect.url = '/target'\n");
        assertEquals("target GET {} prev=true", h.get("/app/page?a=1").text());
        Harness.Result r = h.request("POST", "/app/page?a=1", "x=1".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: application/x-www-form-urlencoded");
        assertEquals(200, r.status());
        assertEquals("target GET {} prev=true", r.text());
    }

    @Test
    void anHttpRedirectResolvesTheUrlAgainstTheRequest() {
        Harness h = harness("[/page]\ntools.redirect.on = True\ntools.redirect.url = 'target'\n"
                + "tools.redirect.internal = False\n");
        Harness.Result r = h.get("/app/page?a=1");
        assertEquals(303, r.status());
        assertEquals("http://127.0.0.1:8080/app/target", r.header("Location"));
        assertEquals("This resource can be found at <a href=\"http://127.0.0.1:8080/app/target\">"
                + "http://127.0.0.1:8080/app/target</a>.", r.text());
        assertEquals(302, h.protocol("HTTP/1.0").get("/app/page").status());
    }

    @Test
    void anUnexpectedErrorIsRedirectedInternally() {
        Harness h = harness("[/]\ntools.err_redirect.on = True\ntools.err_redirect.url = '/target'\n");
        Harness.Result r = h.get("/app/boom");
        assertEquals(200, r.status());
        assertEquals("target GET {} prev=true", r.text());
        r = h.request("POST", "/app/boom", new byte[0]);
        assertEquals("target GET {} prev=true", r.text());
    }

    @Test
    void anUnexpectedErrorIsRedirectedOverHttp() {
        Harness.Result r = harness("[/]\ntools.err_redirect.on = True\ntools.err_redirect.url = '/target'\n"
                + "tools.err_redirect.internal = False\n").get("/app/boom");
        assertEquals(303, r.status());
        assertEquals("http://127.0.0.1:8080/target", r.header("Location"), "a path from the server root, as in CherryPy");
    }

    @Test
    void httpErrorsKeepTheirPages() {
        Harness.Result r = harness("[/]\ntools.err_redirect.on = True\ntools.err_redirect.url = '/target'\n")
                .get("/app/missing");
        assertEquals(404, r.status());
        assertTrue(r.text().contains("<p>Nothing matches the given URI</p>"), r.text());
    }

    @Test
    void aFailureOfAnEarlierHookIsRedirectedToo() {
        Harness.Result r = harness("[/]\ntools.err_redirect.on = True\ntools.err_redirect.url = '/target'\n"
                + "[/page]\nhooks.on_start_resource = '" + Crash.class.getName() + "'\n").get("/app/page");
        assertEquals("target GET {} prev=true", r.text());
    }

    @Test
    void withoutTheToolAnErrorIsThe500Page() {
        assertEquals(500, harness("").get("/app/boom").status());
    }
}
