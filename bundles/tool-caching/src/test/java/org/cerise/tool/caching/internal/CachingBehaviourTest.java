package org.cerise.tool.caching.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.cerise.api.Expose;
import org.cerise.api.HttpError;
import org.cerise.api.HttpRedirect;
import org.cerise.api.Param;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caching tool in the real pipeline (in-process harness, tree dispatcher), with a clock the
 * test moves. Unless a test says it reads CherryPy's source, the expected answers were observed
 * on CherryPy 18.8 with the same handlers and {@code tools.caching.on = True}.
 */
class CachingBehaviourTest {

    /** The app: each handler counts its calls and shows the count, so a cached answer shows an old count. */
    public static class App {
        final AtomicInteger calls = new AtomicInteger();

        @Expose
        public String page(@Param(defaultValue = "") String a) {
            return "page " + calls.incrementAndGet();
        }

        @Expose
        public String counted(Response response) {
            int n = calls.incrementAndGet();
            response.setHeader("X-Count", String.valueOf(n));
            return "counted " + n;
        }

        @Expose
        public String vary(Request request, Response response) {
            response.setHeader("Vary", "Accept-Language, X-B");
            return "vary " + calls.incrementAndGet() + " " + request.header("Accept-Language") + "/"
                    + request.header("X-B");
        }

        @Expose
        public String lastmod(Response response) {
            response.setHeader("Last-Modified", "Tue, 15 Nov 1994 12:45:26 GMT");
            return "lastmod " + calls.incrementAndGet();
        }

        @Expose
        public String missing() {
            throw new HttpError(404, "gone " + calls.incrementAndGet());
        }

        @Expose
        public String redir() {
            throw new HttpRedirect("page?n=" + calls.incrementAndGet());
        }

        @Expose
        public String nostore(Response response) {
            response.setHeader("Cache-Control", "no-store");
            return "nostore " + calls.incrementAndGet();
        }

        @Expose
        public String nocache(Response response) {
            response.setHeader("Pragma", "no-cache");
            return "nocache " + calls.incrementAndGet();
        }

        @Expose
        public String empty() {
            return calls.incrementAndGet() == 1 ? "e" : "";
        }

        @Expose
        public String sized(int n) {
            calls.incrementAndGet();
            return "x".repeat(n);
        }

        @Expose
        public Iterator<String> chunks() {
            return List.of("chunk ", String.valueOf(calls.incrementAndGet())).iterator();
        }

        @Expose
        public InputStream stream() {
            return new ByteArrayInputStream(("stream " + calls.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
        }

        Path file;

        @Expose
        public Path file() {
            calls.incrementAndGet();
            return file;
        }

        @Expose
        public String boom() {
            throw new IllegalStateException("boom " + calls.incrementAndGet());
        }
    }

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final CachingTool tool = new CachingTool(clock::get, false);
    private final App app = new App();

    @AfterEach
    void stop() {
        tool.deactivate();
    }

    private Harness harness(String extra) {
        return Harness.of(app).dispatcher("tree", new TreeDispatcher()).tool("caching", tool)
                .tool("encode", new org.cerise.tool.encode.internal.EncodeTool()).config("[/]\ntools.caching.on = True\n" + extra);
    }

    private void advance(long millis) {
        clock.addAndGet(millis);
    }

    @Test
    void aSecondGetIsServedFromTheCacheWithItsHeadersAndAnAge() {
        Harness h = harness("");
        Harness.Result first = h.get("/app/counted");
        assertEquals("counted 1", first.text());
        assertNull(first.header("Age"));
        advance(1500);
        Harness.Result second = h.get("/app/counted");
        assertEquals(200, second.status());
        assertEquals("counted 1", second.text());
        assertEquals("1", second.header("X-Count"), "the handler's headers are replayed");
        assertEquals("text/html;charset=utf-8", second.header("Content-Type"));
        assertEquals("9", second.header("Content-Length"));
        assertEquals("1", second.header("Age"), "whole seconds since the first request started");
        assertEquals(1, app.calls.get());
    }

    @Test
    void theQueryStringIsPartOfTheKey() {
        Harness h = harness("");
        assertEquals("page 1", h.get("/app/page?a=1").text());
        assertEquals("page 2", h.get("/app/page?a=2").text());
        assertEquals("page 1", h.get("/app/page?a=1").text());
        assertEquals("page 3", h.get("/app/page").text());
    }

    @Test
    void pragmaNoCacheAndCacheControlNoCacheRefreshTheCopy() {
        Harness h = harness("");
        assertEquals("page 1", h.get("/app/page").text());
        assertEquals("page 2", h.get("/app/page", "Pragma: no-cache").text());
        assertEquals("page 2", h.get("/app/page").text());
        assertEquals("page 3", h.get("/app/page", "Cache-Control: no-cache").text());
        assertEquals("page 3", h.get("/app/page").text());
        // no-cache wins over max-age, wherever it stands (CherryPy sorts the elements)
        assertEquals("page 4", h.get("/app/page", "Cache-Control: max-age=100, no-cache").text());
    }

    @Test
    void maxAgeRefreshesOlderCopiesAndABadOneIsA400WhenACopyExists() {
        Harness h = harness("");
        assertEquals(200, h.get("/app/page", "Cache-Control: max-age=abc").status(), "nothing cached yet: not read");
        advance(1000);
        assertEquals("page 1", h.get("/app/page", "Cache-Control: max-age=5").text());
        Harness.Result fresh = h.get("/app/page", "Cache-Control: max-age=0");
        assertEquals("page 2", fresh.text());
        assertNull(fresh.header("Age"));
        Harness.Result again = h.get("/app/page");
        assertEquals("page 2", again.text());
        assertEquals("0", again.header("Age"));
        for (String bad : new String[] {"max-age=abc", "max-age", "max-age=-1"}) {
            Harness.Result r = h.get("/app/page", "Cache-Control: " + bad);
            assertEquals(400, r.status(), bad);
            assertTrue(r.text().contains("Invalid Cache-Control header"), r.text());
        }
    }

    @Test
    void noStoreInTheRequestOrTheResponseKeepsItOut() {
        Harness h = harness("");
        assertEquals("page 1", h.get("/app/page", "Cache-Control: no-store").text());
        assertEquals("page 2", h.get("/app/page").text());
        assertEquals("page 2", h.get("/app/page").text());
        assertEquals("nostore 3", h.get("/app/nostore").text());
        assertEquals("nostore 4", h.get("/app/nostore").text());
        // from the source: tee_output also skips a response with Pragma: no-cache
        assertEquals("nocache 5", h.get("/app/nocache").text());
        assertEquals("nocache 6", h.get("/app/nocache").text());
    }

    @Test
    void postPutAndDeleteInvalidateTheirUrl() {
        Harness h = harness("");
        assertEquals("page 1", h.get("/app/page").text());
        assertEquals("page 2", h.request("POST", "/app/page", new byte[0]).text());
        assertEquals("page 3", h.get("/app/page").text());
        assertEquals("page 3", h.get("/app/page").text());
        assertEquals("page 4", h.request("PUT", "/app/page", new byte[0]).text());
        assertEquals("page 5", h.get("/app/page").text());
        assertEquals("page 6", h.request("DELETE", "/app/page", null).text());
        assertEquals("page 7", h.get("/app/page").text());
        assertEquals("page 7", h.get("/app/page").text());
    }

    @Test
    void otherMethodsUseTheCacheAsInCherryPy() {
        // from the source: only invalid_methods bypass the cache, so a PATCH gets the GET's copy
        Harness h = harness("tools.caching.invalid_methods = ['PATCH']\n");
        assertEquals("page 1", h.get("/app/page").text());
        assertEquals("page 1", h.request("POST", "/app/page", new byte[0]).text());
        assertEquals("page 2", h.request("PATCH", "/app/page", new byte[0]).text());
        assertEquals("page 3", h.get("/app/page").text());
    }

    @Test
    void variantsFollowTheVaryHeaderAndDoNotCollideWhenValuesAreSwapped() {
        Harness h = harness("");
        assertEquals("vary 1 en/1", h.get("/app/vary", "Accept-Language: en", "X-B: 1").text());
        assertEquals("vary 1 en/1", h.get("/app/vary", "Accept-Language: en", "X-B: 1").text());
        assertEquals("vary 2 de/null", h.get("/app/vary", "Accept-Language: de").text());
        assertEquals("vary 2 de/null", h.get("/app/vary", "Accept-Language: de").text());
        assertEquals("vary 1 en/1", h.get("/app/vary", "Accept-Language: en", "X-B: 1").text());
        // CherryPy 18.8 sorts the values, so it answered "vary 1 en/1" here and "vary 2 de/None"
        // below: a deliberate difference, each header keeps its own value
        assertEquals("vary 3 1/en", h.get("/app/vary", "Accept-Language: 1", "X-B: en").text());
        assertEquals("vary 4 null/de", h.get("/app/vary", "X-B: de").text());
    }

    @Test
    void ifModifiedSinceTheCachedLastModifiedIsA304WithAge() {
        Harness h = harness("");
        String lm = "Tue, 15 Nov 1994 12:45:26 GMT";
        Harness.Result first = h.get("/app/lastmod");
        assertEquals(lm, first.header("Last-Modified"));
        Harness.Result cached = h.get("/app/lastmod");
        assertEquals("lastmod 1", cached.text());
        assertEquals(lm, cached.header("Last-Modified"));
        Harness.Result notModified = h.get("/app/lastmod", "If-Modified-Since: " + lm);
        assertEquals(304, notModified.status());
        assertEquals("", notModified.text());
        assertEquals("0", notModified.header("Age"));
        assertNull(notModified.header("Last-Modified"));
        assertNull(notModified.header("Content-Type"));
        assertEquals(200, h.get("/app/lastmod", "If-Modified-Since: Wed, 16 Nov 1994 12:45:26 GMT").status());
        Harness.Result failed = h.get("/app/lastmod", "If-Unmodified-Since: Tue, 15 Nov 1994 12:45:27 GMT");
        assertEquals(412, failed.status());
        assertNull(failed.header("Age"), "the error page drops Age");
        assertEquals(200, h.get("/app/lastmod", "If-Unmodified-Since: " + lm).status());
        // from the source: a matching If-Modified-Since on another method than GET/HEAD is a 412
        Harness h2 = harness("tools.caching.invalid_methods = []\n");
        assertEquals(412, h2.request("POST", "/app/lastmod", new byte[0], "If-Modified-Since: " + lm).status());
        assertEquals(1, app.calls.get());
    }

    @Test
    void errorPagesAndRedirectsAreCachedToo() {
        Harness h = harness("");
        Harness.Result missing = h.get("/app/missing");
        assertEquals(404, missing.status());
        assertTrue(missing.text().contains("gone 1"));
        Harness.Result again = h.get("/app/missing");
        assertEquals(404, again.status());
        assertTrue(again.text().contains("gone 1"));
        assertEquals("0", again.header("Age"));
        Harness.Result redirect = h.get("/app/redir");
        assertEquals(303, redirect.status());
        assertEquals("http://127.0.0.1:8080/app/page?n=2", redirect.header("Location"));
        Harness.Result cached = h.get("/app/redir");
        assertEquals(303, cached.status());
        assertEquals("http://127.0.0.1:8080/app/page?n=2", cached.header("Location"));
        assertEquals("0", cached.header("Age"));
        assertEquals(2, app.calls.get());
    }

    @Test
    void unexpectedErrorsAreNotCached() {
        Harness h = harness("");
        assertEquals(500, h.get("/app/boom").status());
        assertEquals(500, h.get("/app/boom").status());
        assertEquals(2, app.calls.get());
    }

    @Test
    void objectsExpireAfterTheDelay() {
        Harness h = harness("tools.caching.delay = 10\n");
        assertEquals("page 1", h.get("/app/page").text());
        advance(9_999);
        assertEquals("page 1", h.get("/app/page").text());
        assertEquals("9", h.get("/app/page").header("Age"));
        advance(1);
        assertEquals("page 2", h.get("/app/page").text());
        assertEquals("page 2", h.get("/app/page").text());
    }

    @Test
    void anEmptyBodyIsNotStoredAndDropsTheUrlsCopies() {
        // from the source: tee_output deletes the URL's entry when the body is empty
        Harness h = harness("");
        assertEquals("e", h.get("/app/empty").text());
        assertEquals("e", h.get("/app/empty").text());
        assertEquals("", h.get("/app/empty", "Pragma: no-cache").text());
        assertEquals("", h.get("/app/empty").text());
        assertEquals(3, app.calls.get());
    }

    @Test
    void bodiesMustBeSmallerThanMaxobjSizeAndTheTotalSmallerThanMaxsize() {
        Harness h = harness("tools.caching.maxobj_size = 10\ntools.caching.maxsize = 20\n");
        h.get("/app/sized?n=10");
        h.get("/app/sized?n=10");
        assertEquals(2, app.calls.get(), "10 bytes is not smaller than maxobj_size");
        h.get("/app/sized?n=9");
        h.get("/app/sized?n=9");
        assertEquals(3, app.calls.get(), "9 bytes are cached");
        h.get("/app/sized?n=8");
        h.get("/app/sized?n=8");
        assertEquals(4, app.calls.get(), "9 + 8 bytes stay below maxsize");
        h.get("/app/sized?n=3");
        h.get("/app/sized?n=3");
        assertEquals(6, app.calls.get(), "9 + 8 + 3 bytes would reach maxsize");
        assertEquals(17, tool.cacheOf("app").size());
    }

    @Test
    void maxobjectsCountsTheObjectsHeldAndInvalidationFreesRoom() {
        // CherryPy 18.8 with maxobjects = 2 cached one URL only, and never another once it had
        // seen two (it counts URLs ever stored): a deliberate difference, see the README
        Harness h = harness("tools.caching.maxobjects = 2\n");
        h.get("/app/page?a=1");
        h.get("/app/page?a=2");
        h.get("/app/page?a=3");
        assertEquals(3, app.calls.get());
        assertEquals("page 1", h.get("/app/page?a=1").text());
        assertEquals("page 2", h.get("/app/page?a=2").text());
        assertEquals("page 4", h.get("/app/page?a=3").text());
        h.request("POST", "/app/page?a=1", new byte[0]);
        assertEquals("page 6", h.get("/app/page?a=3").text());
        assertEquals("page 6", h.get("/app/page?a=3").text());
        assertEquals(2, tool.cacheOf("app").objects());
    }

    @Test
    void headStoresAndIsServedFromTheCache() {
        Harness h = harness("");
        Harness.Result head = h.request("HEAD", "/app/page?a=h", null);
        assertEquals("", head.text());
        assertEquals("6", head.header("Content-Length"));
        assertEquals("page 1", h.get("/app/page?a=h").text());
        assertEquals(1, app.calls.get());
    }

    @Test
    void streamedIteratorAndFileBodiesAreStoredOnceSent(@TempDir Path dir) throws IOException {
        app.file = Files.writeString(dir.resolve("f.txt"), "file body");
        Harness h = harness("[/chunks]\nresponse.stream = True\n");
        Harness.Result streamed = h.get("/app/chunks");
        assertEquals("chunk 1", streamed.text());
        assertNull(streamed.header("Content-Length"));
        assertEquals("chunk 1", h.get("/app/chunks").text());
        assertEquals("stream 2", h.get("/app/stream").text());
        assertEquals("stream 2", h.get("/app/stream").text());
        assertEquals("file body", h.get("/app/file").text());
        Harness.Result file = h.get("/app/file");
        assertEquals("file body", file.text());
        assertEquals("9", file.header("Content-Length"));
        assertEquals(3, app.calls.get());
    }

    @Test
    void eachAppHasItsOwnCacheThatSurvivesARemount() {
        App other = new App();
        Harness one = harness("").name("one");
        Harness two = Harness.of(other).dispatcher("tree", new TreeDispatcher()).tool("caching", tool).name("two")
                .config("[/]\ntools.caching.on = True\n");
        assertEquals("page 1", one.get("/app/page").text());
        assertEquals("page 1", two.get("/app/page").text());
        assertEquals(1, other.calls.get(), "the same URL in another app is another entry");
        // a config change re-mounts the app; the cache belongs to the tool component
        one.config("[/]\ntools.caching.on = True\ntools.caching.debug = True\n");
        assertEquals("page 1", one.get("/app/page").text());
        assertEquals(1, app.calls.get());
    }

    @Test
    void otherToolsSeeWhetherTheResponseCameFromTheCache() {
        // CherryPy's gzip reads request.cached so as not to compress a cached body twice
        Tool probe = setup -> setup.hook(HookPoint.BEFORE_FINALIZE, 80, false, (request, response) -> response
                .setHeader("X-Cached", request.cached() + "/" + request.attribute(CachingTool.CACHEABLE)));
        Harness h = harness("tools.probe.on = True\n").tool("probe", probe);
        assertEquals("false/true", h.get("/app/page").header("X-Cached"));
        assertEquals("true/false", h.get("/app/page").header("X-Cached"));
        assertEquals("false/false", h.request("POST", "/app/page", new byte[0]).header("X-Cached"));
    }

    /**
     * Observed on CherryPy 18.8 with a before_handler hook at priority 95: it runs on a hit too,
     * and sees request.handler None and request.cached True.
     */
    @Test
    void laterBeforeHandlerHooksStillRunOnAHitAndSeeNoHandler() {
        Tool probe = setup -> setup.hook(HookPoint.BEFORE_HANDLER, 95, false, (request, response) -> response
                .setHeader("X-Probe", (request.handler() == null) + "/" + request.cached()));
        Harness h = harness("tools.probe.on = True\n").tool("probe", probe);
        Harness.Result first = h.get("/app/page");
        assertEquals("false/false", first.header("X-Probe"));
        Harness.Result hit = h.get("/app/page");
        assertEquals("page 1", hit.text());
        assertEquals("true/true", hit.header("X-Probe"), "the hook ran after the cached headers were restored");
    }

    @Test
    void offIsOff() {
        Harness h = harness("[/page]\ntools.caching.on = False\n");
        h.get("/app/page");
        h.get("/app/page");
        assertEquals(2, app.calls.get());
    }
}
