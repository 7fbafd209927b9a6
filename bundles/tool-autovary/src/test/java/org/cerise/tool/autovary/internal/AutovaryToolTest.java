package org.cerise.tool.autovary.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.cerise.api.tool.HookPoint;
import org.cerise.core.internal.config.HookEntry;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.config.ScopeCompiler;
import org.junit.jupiter.api.Test;

/** Set-up through the core's real compiler, and Vary parsing. */
class AutovaryToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> name.equals("autovary") ? new AutovaryTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.autovary.on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/");
    }

    @Test
    void watchesFromPriority0AndVariesAt95() {
        Scope scope = compile();
        assertNull(scope.failure);
        HookEntry[] start = scope.hooks(HookPoint.ON_START_RESOURCE);
        assertEquals(1, start.length);
        assertEquals(0, start[0].priority());
        HookEntry[] finalize = scope.hooks(HookPoint.BEFORE_FINALIZE);
        assertEquals(1, finalize.length);
        assertEquals(95, finalize[0].priority());
        Scope moved = compile("tools.autovary.priority", 10L);
        assertEquals(10, moved.hooks(HookPoint.ON_START_RESOURCE)[0].priority());
        assertEquals(95, moved.hooks(HookPoint.BEFORE_FINALIZE)[0].priority(), "as CherryPy's fixed attach(..., 95)");
    }

    @Test
    void ignoreMustNameHeaders() {
        Scope scope = compile("tools.autovary.ignore", List.of(1L));
        assertNotNull(scope.failure);
        assertTrue(scope.failure.getMessage().contains("key 'tools.autovary.ignore'"), scope.failure.getMessage());
    }

    @Test
    void varyElementsAsCherryPyReadsThem() {
        Set<String> out = new TreeSet<>();
        AutovaryTool.addElements("Cookie,  Accept ;q=1, ,Cookie, \"a,b\"", out);
        assertEquals(Set.of("Cookie", "Accept", "", "\"a,b\""), out);
        out.clear();
        AutovaryTool.addElements("", out);
        assertEquals(Set.of(), out);
    }

    @Test
    void aMisspeltArgumentIsRefusedNamingWhatTheToolTakes() {
        String message = compile("tools.autovary.ignored", "Cookie").failure.getMessage();
        assertTrue(message.contains("key 'tools.autovary.ignored': 'Cookie' is not an argument of tools.autovary (it takes "
                + "ignore, debug)"), message);
    }
}
