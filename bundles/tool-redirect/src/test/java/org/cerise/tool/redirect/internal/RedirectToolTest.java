package org.cerise.tool.redirect.internal;

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

/** Set-up of both tools through the core's real compiler. */
class RedirectToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> name.equals("redirect") ? new RedirectTool()
            : name.equals("err_redirect") ? new ErrRedirectTool() : null);

    private Scope compile(String tool, Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools." + tool + ".on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/old");
    }

    @Test
    void redirectHooksOnStartResourcePriority50() {
        Scope scope = compile("redirect", "tools.redirect.url", "/new");
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.ON_START_RESOURCE);
        assertEquals(1, hooks.length);
        assertEquals(50, hooks[0].priority());
        assertEquals(false, hooks[0].failsafe());
    }

    @Test
    void errRedirectInstallsItsErrorResponseFromAFailsafeHook() {
        Scope scope = compile("err_redirect", "tools.err_redirect.url", "/oops");
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.ON_START_RESOURCE);
        assertEquals(1, hooks.length);
        assertTrue(hooks[0].failsafe());
    }

    @Test
    void theUrlIsRequired() {
        Scope scope = compile("redirect");
        assertNotNull(scope.failure);
        assertTrue(scope.failure.getMessage().contains("key 'tools.redirect.url': None is required"),
                scope.failure.getMessage());
        assertNotNull(compile("err_redirect", "tools.err_redirect.url", "").failure);
        assertNotNull(compile("redirect", "tools.redirect.url", "/x", "tools.redirect.internal", "no").failure);
        assertTrue(compile("err_redirect", "tools.err_redirect.url", "/x", "tools.err_redirect.status", 301L)
                .failure.getMessage().contains("is not an argument of tools.err_redirect"));
    }

    @Test
    void aMisspeltArgumentIsRefusedNamingWhatTheToolTakes() {
        String message = compile("redirect", "tools.redirect.internl", false).failure.getMessage();
        assertTrue(message.contains("key 'tools.redirect.internl': False is not an argument of tools.redirect (it takes url, "
                + "internal, debug)"), message);
    }
}
