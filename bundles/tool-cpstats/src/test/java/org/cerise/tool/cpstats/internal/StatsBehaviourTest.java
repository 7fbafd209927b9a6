package org.cerise.tool.cpstats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.cerise.api.Expose;
import org.cerise.api.Param;
import org.cerise.api.Request;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.tool.cpstats.AppStatistics;
import org.cerise.tool.cpstats.RequestRecord;
import org.cerise.tool.cpstats.StatisticsSnapshot;
import org.cerise.tool.cpstats.UriSetStatistics;
import org.junit.jupiter.api.Test;

/**
 * The cpstats tool in the real pipeline, with clocks the handlers move. The numbers recorded
 * for each kind of request were observed on CherryPy 18.8 ({@code tools.cpstats.on} on an app,
 * read back from {@code /cpstats/data}): a form POST of 8 bytes reads 8, a POST whose body
 * nobody reads reads 0, HEAD writes the GET's Content-Length, a 500 writes its error page's
 * length, a streamed response writes {@code 'chunked'} and adds nothing to the total.
 */
class StatsBehaviourTest {

    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final StatsTool tool = new StatsTool(millis::get, nanos::get);

    /** Moves both clocks, as time passing while a handler works. */
    void work(long ms) {
        millis.addAndGet(ms);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    public class App {
        volatile CountDownLatch inside;
        volatile CountDownLatch release;

        @Expose
        public String index() {
            work(250);
            return "hi";
        }

        @Expose
        public String post(@Param(defaultValue = "") String a, @Param(defaultValue = "") String b) {
            return "posted";
        }

        @Expose
        public String raw() {
            return "raw";
        }

        @Expose
        public String slow(@Param(defaultValue = "1500") long ms) {
            work(ms);
            return "slow";
        }

        @Expose
        public String err() {
            throw new IllegalStateException("x");
        }

        @Expose
        public Iterator<String> stream() {
            return List.of("a", "b").iterator();
        }

        @Expose
        public String block() throws InterruptedException {
            inside.countDown();
            release.await(60, TimeUnit.SECONDS);
            return "done";
        }
    }

    private final App app = new App();

    private Harness harness(String extra) {
        return Harness.of(app).dispatcher("tree", new TreeDispatcher()).tool("cpstats", tool)
                .config("[/]\ntools.cpstats.on = True\n" + extra);
    }

    private RequestRecord lastOf(AppStatistics a) {
        return a.requests().get(Thread.currentThread().getId());
    }

    @Test
    void aRequestIsRecordedWithCherryPysFields() {
        Harness h = harness("");
        Instant start = Instant.ofEpochMilli(millis.get());
        assertEquals("hi", h.get("/app/").text());
        StatisticsSnapshot s = tool.snapshot();
        AppStatistics c = s.container();
        assertEquals(1, c.totalRequests());
        assertEquals(0, c.currentRequests());
        assertEquals(0, c.totalBytesRead());
        assertEquals(2, c.totalBytesWritten());
        assertEquals(Duration.ofMillis(250), c.totalTime());
        RequestRecord r = lastOf(c);
        assertEquals(start, r.startTime());
        assertEquals(start.plusMillis(250), r.endTime());
        assertEquals(Duration.ofMillis(250), r.processingTime());
        assertEquals("127.0.0.1:40000", r.client());
        assertEquals("GET /app/ HTTP/1.1", r.requestLine());
        assertEquals("200 OK", r.responseStatus());
        assertEquals(0L, r.bytesRead());
        assertEquals(2L, r.bytesWritten());
        assertFalse(r.chunked());
        assertEquals(List.of("app"), List.copyOf(s.apps().keySet()));
        assertEquals(c.totalRequests(), s.apps().get("app").totalRequests());
        assertTrue(s.enabled());
    }

    @Test
    void bytesReadAndWrittenAsCherryPyCountsThem() {
        Harness h = harness("[/stream]\nresponse.stream = True\n");
        byte[] form = "a=1&b=22".getBytes(StandardCharsets.UTF_8);
        h.request("POST", "/app/post", form, "Content-Type: application/x-www-form-urlencoded");
        assertEquals(8L, lastOf(tool.snapshot().container()).bytesRead());
        h.request("POST", "/app/raw", "abcdef".getBytes(StandardCharsets.UTF_8), "Content-Type: text/plain");
        assertEquals(0L, lastOf(tool.snapshot().container()).bytesRead(), "nobody read the body");
        h.request("HEAD", "/app/", null);
        assertEquals(2L, lastOf(tool.snapshot().container()).bytesWritten(), "HEAD keeps the GET's Content-Length");
        Harness.Result err = h.get("/app/err");
        RequestRecord failed = lastOf(tool.snapshot().container());
        assertEquals("500 Internal Server Error", failed.responseStatus());
        assertEquals(Long.valueOf(err.body().length), failed.bytesWritten());
        long before = tool.snapshot().container().totalBytesWritten();
        h.get("/app/stream");
        RequestRecord streamed = lastOf(tool.snapshot().container());
        assertTrue(streamed.chunked());
        assertNull(streamed.bytesWritten());
        assertEquals(before, tool.snapshot().container().totalBytesWritten());
        assertEquals(8, tool.snapshot().container().totalBytesRead());
    }

    @Test
    void aRunningRequestIsCurrentAndShowsItsRunningTime() throws Exception {
        Harness h = harness("");
        app.inside = new CountDownLatch(1);
        app.release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Harness.Result> running = pool.submit(() -> h.get("/app/block"));
            assertTrue(app.inside.await(60, TimeUnit.SECONDS));
            work(700);
            AppStatistics c = tool.snapshot().container();
            assertEquals(1, c.currentRequests());
            assertEquals(1, c.totalRequests());
            RequestRecord r = c.requests().values().iterator().next();
            assertNull(r.endTime());
            assertNull(r.responseStatus());
            assertNull(r.bytesRead());
            assertEquals(Duration.ofMillis(700), r.processingTime());
            app.release.countDown();
            assertEquals("done", running.get(60, TimeUnit.SECONDS).text());
        } finally {
            app.release.countDown();
            pool.shutdownNow();
        }
        assertEquals(0, tool.snapshot().container().currentRequests());
    }

    @Test
    void slowQueriesAreKeptNewestLast() {
        Harness h = harness("tools.cpstats.slow_queries = 1.0\ntools.cpstats.slow_queries_count = 2\n");
        h.get("/app/slow?ms=1000");
        assertTrue(tool.snapshot().container().slowQueries().isEmpty(), "not slower than 1.0 s");
        h.get("/app/slow?ms=1001");
        h.get("/app/slow?ms=1002");
        h.get("/app/slow?ms=1003");
        List<RequestRecord> slow = tool.snapshot().container().slowQueries();
        assertEquals(2, slow.size());
        assertEquals("GET /app/slow?ms=1002 HTTP/1.1", slow.get(0).requestLine());
        assertEquals("GET /app/slow?ms=1003 HTTP/1.1", slow.get(1).requestLine());
        assertEquals(Duration.ofMillis(1003), slow.get(1).processingTime());
        assertEquals(slow, tool.snapshot().apps().get("app").slowQueries());
        harness("tools.cpstats.slow_queries = 0\n").get("/app/slow?ms=5000");
        assertEquals(2, tool.snapshot().container().slowQueries().size(), "0 turns slow queries off");
    }

    @Test
    void uriSetsTrackMinMaxAndSum() {
        Harness h = harness("[/slow]\ntools.cpstats.uriset = 'slow pages'\n");
        h.get("/app/slow?ms=100");
        h.get("/app/slow?ms=300");
        h.get("/app/");
        UriSetStatistics u = tool.snapshot().container().uriSets().get("slow pages");
        assertEquals(2, u.count());
        assertEquals(Duration.ofMillis(100), u.min());
        assertEquals(Duration.ofMillis(300), u.max());
        assertEquals(Duration.ofMillis(400), u.sum());
        assertEquals(Duration.ofMillis(200), u.avg());
        assertEquals(1, tool.snapshot().container().uriSets().size());
    }

    @Test
    void pausedCollectionRecordsNothing() {
        Harness h = harness("");
        tool.setEnabled(false);
        h.get("/app/");
        assertEquals(0, tool.snapshot().container().totalRequests());
        assertFalse(tool.snapshot().enabled());
        tool.setEnabled(true);
        h.get("/app/");
        assertEquals(1, tool.snapshot().container().totalRequests());
    }

    @Test
    void appsAreCountedApartAndTogether() {
        harness("").name("one").get("/app/");
        Harness two = harness("").name("two");
        two.get("/app/");
        two.get("/app/");
        Harness.of(app).dispatcher("tree", new TreeDispatcher()).tool("cpstats", tool).name("three").get("/app/");
        StatisticsSnapshot s = tool.snapshot();
        assertEquals(1, s.apps().get("one").totalRequests());
        assertEquals(2, s.apps().get("two").totalRequests());
        assertFalse(s.apps().containsKey("three"), "an app without the tool is not recorded");
        assertEquals(3, s.container().totalRequests());
        assertEquals(Duration.ofMillis(750), s.container().totalTime());
    }

    @Test
    void concurrentRequestsAreAllCountedAndEachThreadKeepsItsLatest() throws Exception {
        Harness h = harness("");
        int threads = 8;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        h.request("POST", "/app/post", "a=1&b=22".getBytes(StandardCharsets.UTF_8),
                                "Content-Type: application/x-www-form-urlencoded");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        AppStatistics c = tool.snapshot().container();
        assertEquals(threads * each, c.totalRequests());
        assertEquals(0, c.currentRequests());
        assertEquals(8L * threads * each, c.totalBytesRead());
        assertEquals(threads, c.requests().size(), "one record per serving thread");
    }
}
