package org.cerise.tool.referer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cerise.api.Expose;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/**
 * The tool in the real pipeline. Expectations observed on CherryPy 18.8 with
 * {@code pattern=r'http://[^/]*example\.com'}: {@code http://www.example.com/x} passes;
 * {@code https://...}, {@code xhttp://example.com} (the match is anchored at the start),
 * {@code http://EXAMPLE.com}, an empty and a missing header get 403 {@code Forbidden Referer
 * header.}; with {@code accept=False, accept_missing=True, error=418, message='go away'} the
 * answers are reversed, the refusal being {@code 418 I'm a Teapot} with {@code go away}.
 */
class RefererBehaviourTest {

    public static class Site {
        @Expose
        public String page() {
            return "page";
        }
    }

    private static final String PATTERN = "tools.referer.pattern = r'http://[^/]*example\\.com'\n";

    private static Harness harness(String args) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("referer", new RefererTool())
                .config("[/]\ntools.referer.on = True\n" + PATTERN + args);
    }

    private static Harness.Result from(Harness h, String referer) {
        return referer == null ? h.get("/app/page") : h.get("/app/page", "Referer: " + referer);
    }

    @Test
    void theRefererMustMatchFromItsStart() {
        Harness h = harness("");
        assertEquals("page", from(h, "http://www.example.com/x").text());
        for (String bad : new String[] {"https://www.example.com/x", "xhttp://example.com", "http://EXAMPLE.com", ""}) {
            Harness.Result r = from(h, bad);
            assertEquals(403, r.status(), bad);
            assertTrue(r.text().contains("<p>Forbidden Referer header.</p>"), r.text());
        }
    }

    @Test
    void aMissingRefererIsRefusedUnlessAccepted() {
        assertEquals(403, from(harness(""), null).status());
        assertEquals(200, from(harness("tools.referer.accept_missing = True\n"), null).status());
    }

    @Test
    void acceptFalseRefusesMatchesWithTheConfiguredErrorAndMessage() {
        Harness h = harness("tools.referer.accept = False\ntools.referer.accept_missing = True\n"
                + "tools.referer.error = 418\ntools.referer.message = 'go away'\n");
        Harness.Result r = from(h, "http://www.example.com/x");
        assertEquals(418, r.status());
        assertTrue(r.text().contains("<h2>418 I'm a Teapot</h2>"), r.text());
        assertTrue(r.text().contains("<p>go away</p>"), r.text());
        assertEquals(200, from(h, "https://www.example.com/x").status());
        assertEquals(200, from(h, null).status());
    }

    @Test
    void anErrorMayCarryItsOwnReason() {
        Harness.Result r = from(harness("tools.referer.error = '499 Go Away'\n"), "elsewhere");
        assertEquals(499, r.status());
        assertEquals("Go Away", r.reason());
    }

    @Test
    void noMessageMeansTheStandardOne() {
        Harness.Result r = from(harness("tools.referer.message = None\n"), "elsewhere");
        assertEquals(403, r.status());
        assertTrue(r.text().contains("<p>Request forbidden -- authorization will not help</p>"), r.text());
    }

    @Test
    void pythonNamedGroupsWork() {
        Harness h = harness("").config("[/]\ntools.referer.on = True\n"
                + "tools.referer.pattern = r'(?P<scheme>https?)://(?P=scheme)\\.example'\n");
        assertEquals(200, from(h, "http://http.example/").status());
        assertEquals(403, from(h, "http://https.example/").status());
    }
}
