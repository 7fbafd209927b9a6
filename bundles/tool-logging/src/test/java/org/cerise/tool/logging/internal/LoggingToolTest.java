package org.cerise.tool.logging.internal;

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
class LoggingToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> name.equals("log_tracebacks")
            ? new LogTracebacksTool() : name.equals("log_headers") ? new LogHeadersTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.log_tracebacks.on", Boolean.TRUE);
        config.put("tools.log_headers.on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/");
    }

    @Test
    void bothHookBeforeTheErrorResponseAtPriority50() {
        Scope scope = compile();
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.BEFORE_ERROR_RESPONSE);
        assertEquals(2, hooks.length);
        assertEquals(50, hooks[0].priority());
        assertEquals(50, hooks[1].priority());
    }

    @Test
    void severityIsAPythonLevelNumber() {
        Scope scope = compile("tools.log_tracebacks.severity", "ERROR");
        assertNotNull(scope.failure);
        assertTrue(scope.failure.getMessage().contains("key 'tools.log_tracebacks.severity': 'ERROR' must be a Python "
                + "logging level"), scope.failure.getMessage());
    }

    @Test
    void anArgumentATooDoesNotTakeIsRefusedNamingWhatItTakes() {
        String message = compile("tools.log_headers.severity", 20L).failure.getMessage();
        assertTrue(message.contains("key 'tools.log_headers.severity': 20 is not an argument of tools.log_headers "
                + "(it takes debug)"), message);
        message = compile("tools.log_tracebacks.level", 20L).failure.getMessage();
        assertTrue(message.contains("key 'tools.log_tracebacks.level': 20 is not an argument of tools.log_tracebacks "
                + "(it takes severity, debug)"), message);
    }
}
