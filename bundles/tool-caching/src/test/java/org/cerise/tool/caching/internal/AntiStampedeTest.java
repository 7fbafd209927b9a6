package org.cerise.tool.caching.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.cerise.api.Expose;
import org.cerise.api.Response;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many requests for the same slow resource at once. As in CherryPy (observed on CherryPy 18.8
 * with a handler sleeping 2 s and three concurrent clients): a URL that has never been stored
 * runs the handler for every request; once it has been stored and its copy expired, one
 * request runs the handler and the others wait for its answer, up to
 * {@code antistampede_timeout}. Where CherryPy then stalls every later request for the full
 * timeout (observed: 5 s after a 500 or a {@code no-store} answer), Cerise lets the waiters go
 * as soon as the computing request ends without storing anything.
 *
 * <p>No assertion depends on timing: the threads meet at latches, and the 60 s deadlines only
 * end a test that would otherwise hang.
 */
class AntiStampedeTest {

    private static final int THREADS = 8;

    /** A handler that can be made to block (on its {@code gated}-th call) and to fail or refuse storage. */
    public static class Slow {
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch gate = new CountDownLatch(1);
        volatile CountDownLatch entered = new CountDownLatch(1);
        volatile int gated = -1;
        volatile int all = 0;
        volatile boolean failGated;
        volatile boolean noStoreGated;

        @Expose
        public String slow(Response response) throws InterruptedException {
            int n = calls.incrementAndGet();
            entered.countDown();
            if (all > 0 && !entered.await(60, TimeUnit.SECONDS)) {
                return "the requests were not let in together";
            }
            if (n == gated) {
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    return "gate never opened";
                }
                if (failGated) {
                    throw new IllegalStateException("failed " + n);
                }
                if (noStoreGated) {
                    response.setHeader("Cache-Control", "no-store");
                }
            }
            return "slow " + n;
        }
    }

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final CachingTool tool = new CachingTool(clock::get, false);
    private final Slow slow = new Slow();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() throws InterruptedException {
        slow.gate.countDown();
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        tool.deactivate();
    }

    private Harness harness(String extra) {
        return Harness.of(slow).dispatcher("tree", new TreeDispatcher()).tool("caching", tool)
                .config("[/]\ntools.caching.on = True\ntools.caching.delay = 10\n" + extra);
    }

    /** Stores the URL once and lets the copy expire, so that its slots exist but hold nothing. */
    private void primeAndExpire(Harness h) {
        assertEquals("slow 1", h.get("/app/slow").text());
        clock.addAndGet(10_000);
    }

    private Future<Harness.Result> send(Harness h) {
        return pool.submit((Callable<Harness.Result>) () -> h.get("/app/slow"));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    private static Harness.Result result(Future<Harness.Result> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    @Test
    void aUrlNeverStoredRunsTheHandlerForEveryConcurrentRequest() throws Exception {
        Harness h = harness("");
        slow.entered = new CountDownLatch(THREADS);
        slow.all = THREADS;
        List<Future<Harness.Result>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            futures.add(send(h));
        }
        Set<String> bodies = new HashSet<>();
        for (Future<Harness.Result> f : futures) {
            bodies.add(result(f).text());
        }
        assertEquals(THREADS, slow.calls.get());
        assertEquals(THREADS, bodies.size(), "every request ran the handler together: " + bodies);
    }

    @Test
    void afterExpiryOneRequestComputesAndTheOthersGetItsAnswer() throws Exception {
        Harness h = harness("");
        primeAndExpire(h);
        slow.gated = 2;
        slow.entered = new CountDownLatch(1);
        List<Future<Harness.Result>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            futures.add(send(h));
        }
        await("the handler runs", () -> slow.entered.getCount() == 0);
        await("the other requests wait", () -> tool.cacheOf("app").waiting() == THREADS - 1);
        slow.gate.countDown();
        for (Future<Harness.Result> f : futures) {
            Harness.Result r = result(f);
            assertEquals(200, r.status());
            assertEquals("slow 2", r.text());
        }
        assertEquals(2, slow.calls.get(), "the handler ran once for the whole stampede");
        assertEquals("slow 2", h.get("/app/slow").text());
    }

    @Test
    void aWaiterThatTimesOutComputesItself() throws Exception {
        Harness h = harness("tools.caching.antistampede_timeout = 0.05\n");
        primeAndExpire(h);
        slow.gated = 2;
        Future<Harness.Result> first = send(h);
        await("the first request computes", () -> slow.calls.get() == 2);
        Future<Harness.Result> second = send(h);
        assertEquals("slow 3", result(second).text(), "waited 0.05 s, then ran the handler");
        slow.gate.countDown();
        assertEquals("slow 2", result(first).text());
        assertEquals("slow 2", h.get("/app/slow").text(), "the last answer stored wins");
    }

    @Test
    void withoutATimeoutNobodyWaits() throws Exception {
        Harness h = harness("tools.caching.antistampede_timeout = None\n");
        primeAndExpire(h);
        slow.gated = 2;
        Future<Harness.Result> first = send(h);
        await("the first request computes", () -> slow.calls.get() == 2);
        assertEquals("slow 3", result(send(h)).text());
        slow.gate.countDown();
        assertEquals("slow 2", result(first).text());
    }

    @Test
    void waitersGoAsSoonAsTheComputingRequestFails() throws Exception {
        waitersGoWhenNothingIsStored(() -> slow.failGated = true, 500);
    }

    @Test
    void waitersGoAsSoonAsTheComputingRequestIsNotStored() throws Exception {
        waitersGoWhenNothingIsStored(() -> slow.noStoreGated = true, 200);
    }

    private void waitersGoWhenNothingIsStored(Runnable arrange, int firstStatus) throws Exception {
        // a timeout far beyond the test's deadlines: only a release can end the wait in time
        Harness h = harness("tools.caching.antistampede_timeout = 600\n");
        primeAndExpire(h);
        arrange.run();
        slow.gated = 2;
        Future<Harness.Result> first = send(h);
        await("the first request computes", () -> slow.calls.get() == 2);
        Future<Harness.Result> second = send(h);
        await("the second request waits", () -> tool.cacheOf("app").waiting() == 1);
        slow.gate.countDown();
        assertEquals(firstStatus, result(first).status());
        assertEquals("slow 3", result(second).text());
    }

    @Test
    void deactivatingTheToolWakesTheWaiters() throws Exception {
        Harness h = harness("tools.caching.antistampede_timeout = 600\n");
        primeAndExpire(h);
        slow.gated = 2;
        Future<Harness.Result> first = send(h);
        await("the first request computes", () -> slow.calls.get() == 2);
        Future<Harness.Result> second = send(h);
        await("the second request waits", () -> tool.cacheOf("app").waiting() == 1);
        tool.deactivate();
        assertEquals("slow 3", result(second).text());
        slow.gate.countDown();
        assertEquals("slow 2", result(first).text());
    }
}
