package org.cerise.tool.responseheaders.internal;

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

/** How the tool sets itself up for a config scope, through the core's real compiler. */
class ResponseHeadersToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(
            name -> name.equals("response_headers") ? new ResponseHeadersTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.response_headers.on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/site");
    }

    private static String failure(Scope scope) {
        assertNotNull(scope.failure, "the scope should not compile");
        return scope.failure.getMessage();
    }

    @Test
    void aFailsafeHookAtOnStartResourcePriority50() {
        Scope scope = compile("tools.response_headers.headers", List.of(List.of("X-A", "1")));
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.ON_START_RESOURCE);
        assertEquals(1, hooks.length);
        assertEquals(50, hooks[0].priority());
        assertTrue(hooks[0].failsafe());
        assertEquals(20, compile("tools.response_headers.headers", List.of(List.of("X-A", "1")),
                "tools.response_headers.priority", 20L).hooks(HookPoint.ON_START_RESOURCE)[0].priority());
    }

    @Test
    void noHeadersNoHook() {
        assertEquals(0, compile().hooks(HookPoint.ON_START_RESOURCE).length);
    }

    @Test
    void aPairNotInAListIsRefused() {
        String message = failure(compile("tools.response_headers.headers", List.of("X-A", "1")));
        assertTrue(message.contains("key 'tools.response_headers.headers'"), message);
        assertTrue(message.contains("must be a list of (name, value) pairs"), message);
        assertTrue(message.contains("/site"), message);
    }

    @Test
    void badNamesAndValuesAreRefused() {
        assertTrue(failure(compile("tools.response_headers.headers", List.of(List.of("X A", "1"))))
                .contains("not a token"));
        assertTrue(failure(compile("tools.response_headers.headers", List.of(List.of("X-A", "1\r\nX-B: 2"))))
                .contains("line break"));
        assertTrue(failure(compile("tools.response_headers.headers", List.of(List.of("X-A", List.of()))))
                .contains("neither text nor a number"));
    }

    @Test
    void anUnknownArgumentIsRefused() {
        String message = failure(compile("tools.response_headers.header", List.of(List.of("X-A", "1"))));
        assertTrue(message.contains("key 'tools.response_headers.header'"), message);
        assertTrue(message.contains("is not an argument of tools.response_headers"), message);
    }

    @Test
    void aMisspeltArgumentIsRefusedNamingWhatTheToolTakes() {
        String message = compile("tools.response_headers.header", "x").failure.getMessage();
        assertTrue(message.contains("key 'tools.response_headers.header': 'x' is not an argument of tools.response_headers (it "
                + "takes headers, debug)"), message);
    }
}
