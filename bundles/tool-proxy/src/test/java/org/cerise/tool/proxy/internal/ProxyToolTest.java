package org.cerise.tool.proxy.internal;

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

/** Set-up through the core's real compiler. */
class ProxyToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> name.equals("proxy") ? new ProxyTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.proxy.on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/");
    }

    @Test
    void aHookBeforeTheBodyPriority30() {
        Scope scope = compile();
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.BEFORE_REQUEST_BODY);
        assertEquals(1, hooks.length);
        assertEquals(30, hooks[0].priority());
    }

    @Test
    void argumentsAreChecked() {
        assertNotNull(compile("tools.proxy.local", 1L).failure);
        Scope scope = compile("tools.proxy.base", "https://example.com/");
        assertTrue(scope.failure.getMessage().contains("key 'tools.proxy.base': 'https://example.com/' must not end in a slash"),
                scope.failure.getMessage());
        assertTrue(compile("tools.proxy.host", "x").failure.getMessage().contains("is not an argument of tools.proxy"));
        assertNull(compile("tools.proxy.remote", null, "tools.proxy.scheme", "").failure, "None and '' turn a part off");
    }

    @Test
    void aMisspeltArgumentIsRefusedNamingWhatTheToolTakes() {
        String message = compile("tools.proxy.host", "x").failure.getMessage();
        assertTrue(message.contains("key 'tools.proxy.host': 'x' is not an argument of tools.proxy (it takes base, local, "
                + "remote, scheme, debug)"), message);
    }
}
