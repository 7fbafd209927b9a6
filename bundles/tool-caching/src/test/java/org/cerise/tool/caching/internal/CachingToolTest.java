package org.cerise.tool.caching.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.cerise.api.Expose;
import org.cerise.api.tool.HookPoint;
import org.cerise.core.internal.config.HookEntry;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.config.ScopeCompiler;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the tool sets itself up for a config scope (through the core's real compiler), and its sweeper. */
class CachingToolTest {

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final CachingTool tool = new CachingTool(clock::get, false);
    private final ScopeCompiler compiler = new ScopeCompiler(name -> name.equals("caching") ? tool : null);

    @AfterEach
    void stop() {
        tool.deactivate();
    }

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.caching.on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/shop");
    }

    private static void assertBad(Scope scope, String expected) {
        assertNotNull(scope.failure, "should not mount");
        assertTrue(scope.failure.getMessage().contains(expected), scope.failure.getMessage());
        assertTrue(scope.failure.getMessage().contains("/shop"), scope.failure.getMessage());
    }

    @Test
    void hooksBeforeTheHandlerAtCherryPysPriority() {
        Scope scope = compile();
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.BEFORE_HANDLER);
        assertEquals(1, hooks.length);
        assertEquals(90, hooks[0].priority());
        assertEquals("caching", hooks[0].owner());
        assertEquals(0, scope.hooks(HookPoint.BEFORE_FINALIZE).length, "tee_output is attached per request");
        assertEquals(20, compile("tools.caching.priority", 20L).hooks(HookPoint.BEFORE_HANDLER)[0].priority());
    }

    @Test
    void everyCherryPyArgumentIsAccepted() {
        Scope scope = compile("tools.caching.invalid_methods", List.of("POST"), "tools.caching.maxobjects", 10L,
                "tools.caching.maxobj_size", 1000L, "tools.caching.maxsize", 100000L, "tools.caching.delay", 0.5,
                "tools.caching.antistampede_timeout", null, "tools.caching.expire_freq", 1L, "tools.caching.debug",
                Boolean.TRUE, "tools.caching.cache_class", "cherrypy.lib.caching.MemoryCache");
        assertNull(scope.failure);
        assertNull(compile("tools.caching.invalid_methods", "POST").failure, "a single method");
    }

    @Test
    void badArgumentsKeepTheAppFromMounting() {
        assertBad(compile("tools.caching.maxobjects", -1L), "key 'tools.caching.maxobjects': -1 must be a whole number");
        assertBad(compile("tools.caching.maxobj_size", 1.5), "tools.caching.maxobj_size");
        assertBad(compile("tools.caching.maxsize", "big"), "tools.caching.maxsize");
        assertBad(compile("tools.caching.delay", "600"), "tools.caching.delay");
        assertBad(compile("tools.caching.delay", -1L), "tools.caching.delay");
        assertBad(compile("tools.caching.antistampede_timeout", "5"), "tools.caching.antistampede_timeout");
        assertBad(compile("tools.caching.expire_freq", 0L), "tools.caching.expire_freq");
        assertBad(compile("tools.caching.expire_freq", null), "tools.caching.expire_freq");
        assertBad(compile("tools.caching.invalid_methods", List.of("POST", 1L)), "tools.caching.invalid_methods");
        assertBad(compile("tools.caching.invalid_methods", null), "tools.caching.invalid_methods");
        assertBad(compile("tools.caching.debug", "yes"), "tools.caching.debug");
    }

    @Test
    void otherArgumentsKeepTheAppFromMounting() {
        assertBad(compile("tools.caching.max_age", 60L), "key 'tools.caching.max_age': 60 is not an argument of "
                + "tools.caching (it takes invalid_methods, maxobjects, maxobj_size, maxsize, delay, "
                + "antistampede_timeout, expire_freq, debug, cache_class)");
    }

    public static class Page {
        int calls;

        @Expose
        public String page() {
            return "page " + ++calls;
        }
    }

    @Test
    void theSweeperRemovesExpiredObjectsThenIdleUrlsAndStopsWithTheComponent() throws Exception {
        CachingTool swept = new CachingTool(clock::get, true);
        try {
            assertFalse(swept.sweeperRunning(), "no thread before an app uses the tool");
            Harness h = Harness.of(new Page()).dispatcher("tree", new TreeDispatcher()).tool("caching", swept)
                    .config("[/]\ntools.caching.on = True\ntools.caching.delay = 10\ntools.caching.expire_freq = 0.01\n");
            assertEquals("page 1", h.get("/app/page").text());
            assertTrue(swept.sweeperRunning());
            MemoryCache cache = swept.cacheOf("app");
            assertEquals(1, cache.objects());
            assertEquals(6, cache.size());
            clock.addAndGet(10_000);
            await(() -> cache.objects() == 0 && cache.size() == 0);
            assertEquals(1, cache.urls(), "the URL keeps its slots for another lifetime");
            clock.addAndGet(10_000);
            await(() -> cache.urls() == 0);
        } finally {
            swept.deactivate();
        }
        assertFalse(swept.sweeperRunning());
        await(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("cerise-caching-expire") && t.isAlive()));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within 60 s");
            }
            Thread.sleep(5);
        }
    }
}
