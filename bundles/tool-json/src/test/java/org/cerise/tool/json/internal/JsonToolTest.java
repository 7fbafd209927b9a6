package org.cerise.tool.json.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.core.internal.config.HookEntry;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.config.ScopeCompiler;
import org.junit.jupiter.api.Test;

/** How json_in and json_out set themselves up for a config scope, through the core's real compiler. */
class JsonToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> {
        Map<String, Tool> tools = Map.of("json_in", new JsonInTool(), "json_out", new JsonOutTool());
        return tools.get(name);
    });

    private Scope compile(String tool, Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools." + tool + ".on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/api");
    }

    @Test
    void jsonInClaimsTheBodyAt30AndReadsItAfterEveryOtherHook() {
        Scope scope = compile("json_in");
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.BEFORE_REQUEST_BODY);
        assertEquals(2, hooks.length);
        assertEquals(30, hooks[0].priority());
        assertEquals(Integer.MAX_VALUE, hooks[1].priority());
        assertEquals(12, compile("json_in", "tools.json_in.priority", 12L).hooks(HookPoint.BEFORE_REQUEST_BODY)[0]
                .priority());
    }

    @Test
    void jsonOutWrapsTheHandlerAt30() {
        HookEntry[] hooks = compile("json_out").hooks(HookPoint.BEFORE_HANDLER);
        assertEquals(1, hooks.length);
        assertEquals(30, hooks[0].priority());
        assertEquals("json_out", hooks[0].owner());
    }

    @Test
    void pythonCallablesAndBadValuesAreConfigErrors() {
        assertFailure(compile("json_in", "tools.json_in.processor", "my.processor"),
                "key 'tools.json_in.processor': 'my.processor' is a Python callable in CherryPy");
        assertFailure(compile("json_out", "tools.json_out.handler", "my.handler"),
                "key 'tools.json_out.handler': 'my.handler' is a Python callable in CherryPy");
        assertFailure(compile("json_in", "tools.json_in.content_type", List.of("application/json", 1L)),
                "must be a media type or a list of them");
        assertFailure(compile("json_in", "tools.json_in.force", "no"), "must be True or False");
        assertFailure(compile("json_out", "tools.json_out.content_type", 1L), "must be a quoted string");
    }

    @Test
    void unknownArgumentsAreRefused() {
        assertFailure(compile("json_in", "tools.json_in.content_types", "application/json"),
                "is not an argument of tools.json_in (it takes content_type, force, debug)");
        assertFailure(compile("json_out", "tools.json_out.force", true),
                "is not an argument of tools.json_out (it takes content_type, debug)");
    }

    private static void assertFailure(Scope scope, String expected) {
        assertNotNull(scope.failure);
        String message = scope.failure.getMessage();
        assertTrue(message.contains(expected), message);
        assertTrue(message.contains("/api"), message);
    }
}
