package org.cerise.core.internal.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cerise.api.Expose;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.junit.jupiter.api.Test;

/**
 * Tool tests send requests through one harness from many threads (anti-stampede, statistics):
 * the app must be compiled once, and each request must get its own answer.
 */
class HarnessConcurrencyTest {

    public static class Echo {
        @Expose
        public String echo(String v) {
            return "v=" + v;
        }
    }

    @Test
    void concurrentFirstRequestsCompileTheAppOnceAndEachGetsItsOwnAnswer() throws Exception {
        AtomicInteger setups = new AtomicInteger();
        Tool counting = setup -> {
            setups.incrementAndGet();
            setup.hook(HookPoint.BEFORE_FINALIZE, 50, false,
                    (request, response) -> response.setHeader("X-Param", request.param("v")));
        };
        Harness h = Harness.of(new Echo()).dispatcher("tree", new ByNameDispatcher()).tool("count", counting)
                .config("[/]\ntools.count.on = True\n");
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Harness.Result>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String v = String.valueOf(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return h.get("/app/echo?v=" + v);
                }));
            }
            start.countDown();
            for (int i = 0; i < threads; i++) {
                Harness.Result r = results.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(200, r.status(), r.toString());
                assertEquals("v=" + i, r.text());
                assertEquals(String.valueOf(i), r.header("X-Param"));
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertEquals(1, setups.get(), "the tool is set up once for the one scope");
    }

    @Test
    void theAppNameCanBeSet() throws Exception {
        assertEquals("shop", Harness.of(new Echo()).dispatcher("tree", new ByNameDispatcher()).name("shop").compile()
                .name());
        assertEquals("app", Harness.of(new Echo()).dispatcher("tree", new ByNameDispatcher()).compile().name());
    }
}
