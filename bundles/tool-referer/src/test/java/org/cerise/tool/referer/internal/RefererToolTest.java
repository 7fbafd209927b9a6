package org.cerise.tool.referer.internal;

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
class RefererToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> name.equals("referer") ? new RefererTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.referer.on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/forms");
    }

    private static String failure(Scope scope) {
        assertNotNull(scope.failure, "the scope should not compile");
        return scope.failure.getMessage();
    }

    @Test
    void aHookBeforeTheBodyPriority50() {
        Scope scope = compile("tools.referer.pattern", "http://");
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.BEFORE_REQUEST_BODY);
        assertEquals(1, hooks.length);
        assertEquals(50, hooks[0].priority());
    }

    @Test
    void thePatternIsRequiredAndMustCompile() {
        assertTrue(failure(compile()).contains("key 'tools.referer.pattern': None is required"));
        assertTrue(failure(compile("tools.referer.pattern", "(")).contains("is not a regular expression"));
    }

    @Test
    void theErrorMustBeAnErrorStatus() {
        assertTrue(failure(compile("tools.referer.pattern", "x", "tools.referer.error", 302L))
                .contains("key 'tools.referer.error': 302 must be an error status from 400 to 599"));
        assertTrue(failure(compile("tools.referer.pattern", "x", "tools.referer.error", "teapot"))
                .contains("key 'tools.referer.error'"));
        assertNull(compile("tools.referer.pattern", "x", "tools.referer.error", "418 I'm a teapot").failure);
    }

    @Test
    void namedGroupsArePython() {
        assertEquals("(?<a>x)\\k<a>", RefererTool.fromPython("(?P<a>x)(?P=a)"));
    }

    @Test
    void aMisspeltArgumentIsRefusedNamingWhatTheToolTakes() {
        String message = compile("tools.referer.accept_mising", true).failure.getMessage();
        assertTrue(message.contains("key 'tools.referer.accept_mising': True is not an argument of tools.referer (it takes "
                + "pattern, accept, accept_missing, error, message, debug)"), message);
    }
}
