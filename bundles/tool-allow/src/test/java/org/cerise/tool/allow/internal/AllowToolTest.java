package org.cerise.tool.allow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cerise.api.tool.HookPoint;
import org.cerise.core.internal.config.HookEntry;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.config.ScopeCompiler;
import org.junit.jupiter.api.Test;

/** Set-up through the core's real compiler. */
class AllowToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> name.equals("allow") ? new AllowTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.allow.on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/api");
    }

    @Test
    void aHookAtOnStartResourcePriority50() {
        Scope scope = compile();
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.ON_START_RESOURCE);
        assertEquals(1, hooks.length);
        assertEquals(50, hooks[0].priority());
        assertEquals(5, compile("tools.allow.priority", 5L).hooks(HookPoint.ON_START_RESOURCE)[0].priority());
    }

    @Test
    void methodsMustBeText() {
        Scope scope = compile("tools.allow.methods", List.of("GET", 1L));
        assertNotNull(scope.failure);
        assertTrue(scope.failure.getMessage().contains("key 'tools.allow.methods'"), scope.failure.getMessage());
        assertTrue(compile("tools.allow.method", "GET").failure.getMessage().contains("is not an argument of tools.allow"));
    }

    @Test
    void aMisspeltArgumentIsRefusedNamingWhatTheToolTakes() {
        String message = compile("tools.allow.methds", "GET").failure.getMessage();
        assertTrue(message.contains("key 'tools.allow.methds': 'GET' is not an argument of tools.allow (it takes methods, "
                + "debug)"), message);
    }
}
