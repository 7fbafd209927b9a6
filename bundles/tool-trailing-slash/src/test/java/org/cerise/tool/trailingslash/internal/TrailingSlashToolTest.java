package org.cerise.tool.trailingslash.internal;

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
class TrailingSlashToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(
            name -> name.equals("trailing_slash") ? new TrailingSlashTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.trailing_slash.on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/shop");
    }

    @Test
    void hooksBeforeTheHandlerAtCherryPysPriority() {
        Scope scope = compile();
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.BEFORE_HANDLER);
        assertEquals(1, hooks.length);
        assertEquals(60, hooks[0].priority());
        assertEquals("trailing_slash", hooks[0].owner());
    }

    @Test
    void priorityCanBeChanged() {
        assertEquals(10, compile("tools.trailing_slash.priority", 10L).hooks(HookPoint.BEFORE_HANDLER)[0].priority());
    }

    @Test
    void nothingToDoWhenBothDirectionsAreOff() {
        assertEquals(0, compile("tools.trailing_slash.missing", false).hooks(HookPoint.BEFORE_HANDLER).length);
    }

    @Test
    void aStatusThatIsNotARedirectIsAConfigErrorNamingKeyValueAndPath() {
        Scope scope = compile("tools.trailing_slash.status", 404L);
        assertNotNull(scope.failure);
        String message = scope.failure.getMessage();
        assertTrue(message.contains("key 'tools.trailing_slash.status': 404 must be a redirect status"), message);
        assertTrue(message.contains("/shop"), message);
    }

    @Test
    void aBooleanArgumentMustBeABoolean() {
        Scope scope = compile("tools.trailing_slash.extra", "yes");
        assertNotNull(scope.failure);
        assertTrue(scope.failure.getMessage().contains("key 'tools.trailing_slash.extra': 'yes' must be True or False"),
                scope.failure.getMessage());
    }

    @Test
    void anArgumentItDoesNotTakeIsRefusedRatherThanIgnored() {
        Scope scope = compile("tools.trailing_slash.extras", true);
        assertNotNull(scope.failure);
        assertTrue(scope.failure.getMessage().contains("key 'tools.trailing_slash.extras': True is not an argument of "
                + "tools.trailing_slash (it takes missing, extra, status, debug)"), scope.failure.getMessage());
        assertNull(compile("tools.trailing_slash.debug", true).failure, "CherryPy's debug is taken");
    }
}
