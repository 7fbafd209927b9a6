package org.cerise.tool.etags.internal;

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

/** How etags sets itself up, and the Python formatting of its messages. */
class EtagsToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> name.equals("etags") ? new EtagsTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.etags.on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/docs");
    }

    @Test
    void oneHookBeforeFinalizeAt75() {
        Scope scope = compile();
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.BEFORE_FINALIZE);
        assertEquals(1, hooks.length);
        assertEquals(75, hooks[0].priority());
        assertEquals("etags", hooks[0].owner());
    }

    @Test
    void autotagsMustBeABoolean() {
        Scope scope = compile("tools.etags.autotags", 1L);
        assertNotNull(scope.failure);
        assertTrue(scope.failure.getMessage().contains("key 'tools.etags.autotags': 1 must be True or False"),
                scope.failure.getMessage());
    }

    @Test
    void pythonReprPicksItsQuotes() {
        assertEquals("'\"abc\"'", Python.repr("\"abc\""));
        assertEquals("\"it's\"", Python.repr("it's"));
        assertEquals("'a\\'\"b'", Python.repr("a'\"b"));
        assertEquals("None", Python.repr((String) null));
        assertEquals("['\"y\"', '\"x\"']", Python.repr(List.of("\"y\"", "\"x\"")));
    }

    @Test
    void unknownArgumentsAreRefused() {
        Scope scope = compile("tools.etags.autotag", true);
        assertNotNull(scope.failure);
        assertTrue(scope.failure.getMessage().contains("key 'tools.etags.autotag': True is not an argument of "
                + "tools.etags (it takes autotags, debug)"), scope.failure.getMessage());
    }
}
