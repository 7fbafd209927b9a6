package org.cerise.tool.cpstats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cerise.api.tool.HookPoint;
import org.cerise.core.internal.config.HookEntry;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.config.ScopeCompiler;
import org.junit.jupiter.api.Test;

/** How the tool sets itself up for a config scope, through the core's real compiler. */
class StatsToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> name.equals("cpstats") ? new StatsTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.cpstats.on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/shop");
    }

    private static void assertBad(Scope scope, String expected) {
        assertNotNull(scope.failure, "should not mount");
        assertTrue(scope.failure.getMessage().contains(expected), scope.failure.getMessage());
    }

    @Test
    void startsFirstAtOnStartResourceAndStopsAtOnEndRequest() {
        Scope scope = compile();
        assertNull(scope.failure);
        HookEntry[] start = scope.hooks(HookPoint.ON_START_RESOURCE);
        assertEquals(1, start.length);
        assertEquals(Integer.MIN_VALUE, start[0].priority());
        HookEntry[] stop = scope.hooks(HookPoint.ON_END_REQUEST);
        assertEquals(1, stop.length);
        assertEquals(50, stop[0].priority());
        assertTrue(stop[0].failsafe());
        assertEquals("cpstats", stop[0].owner());
        assertEquals(70, compile("tools.cpstats.priority", 70L).hooks(HookPoint.ON_END_REQUEST)[0].priority());
    }

    @Test
    void cherryPysArgumentsAreAcceptedAndCheckedOnce() {
        assertNull(compile("tools.cpstats.uriset", "pages", "tools.cpstats.slow_queries", 0.5,
                "tools.cpstats.slow_queries_count", 10L, "tools.cpstats.debug", Boolean.TRUE).failure);
        assertNull(compile("tools.cpstats.uriset", null, "tools.cpstats.slow_queries", null).failure);
        assertNull(compile("tools.cpstats.slow_queries", Boolean.FALSE).failure);
        assertNull(compile("tools.cpstats.slow_queries", 2L).failure);
        assertBad(compile("tools.cpstats.uriset", 5L), "key 'tools.cpstats.uriset': 5 must be a quoted name");
        assertBad(compile("tools.cpstats.slow_queries", "1"), "tools.cpstats.slow_queries");
        assertBad(compile("tools.cpstats.slow_queries", -1.0), "tools.cpstats.slow_queries");
        assertBad(compile("tools.cpstats.slow_queries_count", -1L), "tools.cpstats.slow_queries_count");
        assertBad(compile("tools.cpstats.slow_queries_count", 1.5), "tools.cpstats.slow_queries_count");
        assertBad(compile("tools.cpstats.debug", "no"), "tools.cpstats.debug");
    }

    @Test
    void otherArgumentsKeepTheAppFromMounting() {
        assertBad(compile("tools.cpstats.slow_query", 0.5), "key 'tools.cpstats.slow_query': 0.5 is not an argument "
                + "of tools.cpstats (it takes uriset, slow_queries, slow_queries_count, debug)");
    }
}
