package org.cerise.tool.accept.internal;

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
class AcceptToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> name.equals("accept") ? new AcceptTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.accept.on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/api");
    }

    @Test
    void aHookAtOnStartResourcePriority50() {
        Scope scope = compile("tools.accept.media", "text/plain");
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.ON_START_RESOURCE);
        assertEquals(1, hooks.length);
        assertEquals(50, hooks[0].priority());
        assertEquals(false, hooks[0].failsafe());
    }

    @Test
    void mediaMustBeText() {
        Scope scope = compile("tools.accept.media", List.of("text/plain", 3L));
        assertNotNull(scope.failure);
        assertTrue(scope.failure.getMessage().contains("key 'tools.accept.media'"), scope.failure.getMessage());
        String misspelt = compile("tools.accept.mediа", "x").failure.getMessage();
        assertTrue(misspelt.contains("key 'tools.accept.mediа': 'x' is not an argument of tools.accept (it takes media, "
                + "debug)"), misspelt);
    }
}
