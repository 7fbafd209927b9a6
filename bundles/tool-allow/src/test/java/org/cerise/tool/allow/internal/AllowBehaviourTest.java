package org.cerise.tool.allow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.cerise.api.Expose;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/**
 * The tool in the real pipeline. Expectations observed on CherryPy 18.8: {@code tools.allow()}
 * answers GET and HEAD with {@code Allow: GET, HEAD} and POST, PUT, OPTIONS with 405 and the
 * same header; {@code methods=['post', 'get']} gives {@code Allow: POST, GET, HEAD};
 * {@code methods='put'} gives {@code Allow: PUT} and 405 for GET.
 */
class AllowBehaviourTest {

    public static class Site {
        @Expose
        public String page(Map<String, String> params) {
            return "page";
        }
    }

    private static Harness harness(String args) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("allow", new AllowTool())
                .config("[/]\ntools.allow.on = True\n" + args);
    }

    private static Harness.Result send(Harness h, String method) {
        return h.request(method, "/app/page", method.equals("POST") || method.equals("PUT") ? new byte[0] : null);
    }

    @Test
    void byDefaultGetAndHead() {
        Harness h = harness("");
        for (String method : new String[] {"GET", "HEAD"}) {
            Harness.Result r = send(h, method);
            assertEquals(200, r.status(), method);
            assertEquals("GET, HEAD", r.header("Allow"), method);
        }
        assertEquals("page", send(h, "GET").text());
        for (String method : new String[] {"POST", "PUT", "OPTIONS"}) {
            Harness.Result r = send(h, method);
            assertEquals(405, r.status(), method);
            assertEquals("GET, HEAD", r.header("Allow"), method);
            assertTrue(r.text().contains("<p>Specified method is invalid for this resource</p>"), r.text());
        }
    }

    @Test
    void methodsAreUpperCasedAndGetBringsHead() {
        Harness h = harness("tools.allow.methods = ['post', 'get']\n");
        assertEquals("POST, GET, HEAD", send(h, "HEAD").header("Allow"));
        assertEquals(200, send(h, "POST").status());
        assertEquals(405, send(h, "PUT").status());
    }

    @Test
    void aSingleMethodMayBeGivenAsText() {
        Harness h = harness("tools.allow.methods = 'put'\n");
        Harness.Result r = send(h, "GET");
        assertEquals(405, r.status());
        assertEquals("PUT", r.header("Allow"));
        assertEquals(200, send(h, "PUT").status());
    }

    @Test
    void noneOrEmptyMeansTheDefault() {
        assertEquals("GET, HEAD", send(harness("tools.allow.methods = None\n"), "GET").header("Allow"));
        assertEquals("GET, HEAD", send(harness("tools.allow.methods = []\n"), "GET").header("Allow"));
        assertEquals("GET, HEAD", send(harness("tools.allow.methods = ['', None]\n"), "GET").header("Allow"));
    }
}
