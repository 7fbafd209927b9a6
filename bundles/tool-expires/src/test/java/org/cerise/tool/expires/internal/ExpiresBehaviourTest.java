package org.cerise.tool.expires.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.cerise.api.Expose;
import org.cerise.api.HttpRedirect;
import org.cerise.api.NotFound;
import org.cerise.api.Response;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/**
 * The tool in the real pipeline. Expectations observed on CherryPy 18.8: {@code secs=60}
 * without {@code force} leaves a response without cache headers alone (INVENTORY §5 reads the
 * rule the other way round; the code and the server agree on this); with {@code force} it sets
 * {@code Expires} to now + 60 s, on 404 pages and redirects too; {@code secs=0} sets
 * {@code Pragma: no-cache}, {@code Cache-Control: no-cache, must-revalidate} (HTTP/1.1 only)
 * and {@code Expires: Sun, 28 Jan 2007 00:00:00 GMT}, keeping what the handler set unless forced.
 */
class ExpiresBehaviourTest {

    public static class Site {
        @Expose
        public String plain() {
            return "plain";
        }

        @Expose
        public String modified(Response response) {
            response.setHeader("Last-Modified", "Thu, 01 Jan 2015 00:00:00 GMT");
            response.setHeader("Cache-Control", "private");
            return "modified";
        }

        @Expose
        public String tagged(Response response) {
            response.setHeader("ETag", "\"abc\"");
            return "tagged";
        }

        @Expose
        public String expiring(Response response) {
            response.setHeader("Expires", "Thu, 01 Jan 2015 00:00:00 GMT");
            response.setHeader("Cache-Control", "private");
            response.setHeader("Pragma", "x");
            return "expiring";
        }

        @Expose
        public String missing() {
            throw new NotFound();
        }

        @Expose
        public String moved() {
            throw new HttpRedirect("/app/plain");
        }
    }

    private static Harness harness(String args) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("expires", new ExpiresTool())
                .config("[/]\ntools.expires.on = True\n" + args);
    }

    private static long expiresIn(Harness.Result r) {
        long at = Instant.from(ExpiresTool.HTTP_DATE.parse(r.header("Expires"))).getEpochSecond();
        return at - System.currentTimeMillis() / 1000;
    }

    @Test
    void aResponseThatDoesNotSayItIsCacheableIsLeftAlone() {
        Harness.Result r = harness("tools.expires.secs = 60\n").get("/app/plain");
        assertEquals(200, r.status());
        assertNull(r.header("Expires"));
        assertNull(r.header("Pragma"));
        assertNull(r.header("Cache-Control"));
    }

    @Test
    void aCacheableResponseExpiresInSecs() {
        Harness.Result r = harness("tools.expires.secs = 3600\n").get("/app/tagged");
        long in = expiresIn(r);
        assertTrue(in >= 3598 && in <= 3600, "expires in " + in);
        assertNull(r.header("Pragma"));
    }

    @Test
    void forceSetsExpiresOnAnyResponseErrorPagesAndRedirectsIncluded() {
        Harness h = harness("tools.expires.secs = 60\ntools.expires.force = True\n");
        for (String page : new String[] {"/app/plain", "/app/missing", "/app/moved"}) {
            Harness.Result r = h.get(page);
            long in = expiresIn(r);
            assertTrue(in >= 58 && in <= 60, page + " expires in " + in);
        }
        assertEquals(404, h.get("/app/missing").status());
        assertEquals(303, h.get("/app/moved").status());
    }

    @Test
    void zeroSecsForcedMakesAnyResponseUncacheable() {
        Harness.Result r = harness("tools.expires.secs = 0\ntools.expires.force = True\n").get("/app/expiring");
        assertEquals("no-cache", r.header("Pragma"));
        assertEquals("no-cache, must-revalidate", r.header("Cache-Control"));
        assertEquals("Sun, 28 Jan 2007 00:00:00 GMT", r.header("Expires"));
    }

    @Test
    void zeroSecsKeepsWhatTheHandlerSetUnlessForced() {
        Harness.Result r = harness("tools.expires.secs = 0\n").get("/app/modified");
        assertEquals("private", r.header("Cache-Control"));
        assertEquals("no-cache", r.header("Pragma"));
        assertEquals("Sun, 28 Jan 2007 00:00:00 GMT", r.header("Expires"));
        r = harness("").get("/app/expiring");
        assertEquals("Thu, 01 Jan 2015 00:00:00 GMT", r.header("Expires"));
        assertEquals("x", r.header("Pragma"));
    }

    @Test
    void http10ClientsGetNoCacheControl() {
        Harness.Result r = harness("tools.expires.force = True\n").protocol("HTTP/1.0").get("/app/plain");
        assertEquals("no-cache", r.header("Pragma"));
        assertNull(r.header("Cache-Control"));
        assertEquals("Sun, 28 Jan 2007 00:00:00 GMT", r.header("Expires"));
    }

    @Test
    void fractionalSecondsCount() {
        Harness.Result r = harness("tools.expires.secs = 1.5\ntools.expires.force = True\n").get("/app/plain");
        long in = expiresIn(r);
        assertTrue(in >= 0 && in <= 2, "expires in " + in);
    }
}
