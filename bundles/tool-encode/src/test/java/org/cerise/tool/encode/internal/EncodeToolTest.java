package org.cerise.tool.encode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.core.internal.config.HookEntry;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.config.ScopeCompiler;
import org.junit.jupiter.api.Test;

/** How encode and decode set themselves up for a config scope, through the core's real compiler. */
class EncodeToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> {
        Map<String, Tool> tools = Map.of("encode", new EncodeTool(), "decode", new DecodeTool());
        return tools.get(name);
    });

    private Scope compile(String tool, Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools." + tool + ".on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/shop");
    }

    @Test
    void encodeWrapsTheHandlerAt70() {
        Scope scope = compile("encode");
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.BEFORE_HANDLER);
        assertEquals(1, hooks.length);
        assertEquals(70, hooks[0].priority());
        assertEquals("encode", hooks[0].owner());
        assertEquals(5, compile("encode", "tools.encode.priority", 5L).hooks(HookPoint.BEFORE_HANDLER)[0].priority());
    }

    @Test
    void decodeRunsBeforeTheBodyAt50() {
        HookEntry[] hooks = compile("decode").hooks(HookPoint.BEFORE_REQUEST_BODY);
        assertEquals(1, hooks.length);
        assertEquals(50, hooks[0].priority());
        assertEquals(0, compile("decode", "tools.decode.default_encoding", null).hooks(HookPoint.BEFORE_REQUEST_BODY).length,
                "nothing to add");
    }

    @Test
    void badArgumentsNameKeyAndProblem() {
        assertFailure(compile("encode", "tools.encode.errors", "loud"),
                "key 'tools.encode.errors': 'loud' must be 'strict', 'replace', 'ignore', 'xmlcharrefreplace'");
        assertFailure(compile("encode", "tools.encode.encoding", "klingon"),
                "key 'tools.encode.encoding': 'klingon' names a charset this Java runtime does not have");
        assertFailure(compile("encode", "tools.encode.default_encoding", 8L), "must be a quoted string");
        assertFailure(compile("encode", "tools.encode.text_only", "yes"), "must be True or False");
        assertFailure(compile("decode", "tools.decode.encoding", java.util.List.of("utf-8", "klingon")),
                "names a charset this Java runtime does not have: 'klingon'");
        assertFailure(compile("encode", "tools.encode.failmsg", "no charset"), "must hold one %r or %s");
        assertFailure(compile("encode", "tools.encode.failmsg", "%r and %d"), "must hold one %r or %s");
    }

    @Test
    void unknownArgumentsAreRefused() {
        assertFailure(compile("encode", "tools.encode.encodng", "utf-8"),
                "key 'tools.encode.encodng': 'utf-8' is not an argument of tools.encode (it takes encoding, "
                        + "default_encoding, errors, text_only, add_charset, failmsg, debug)");
        assertFailure(compile("decode", "tools.decode.default", "utf-8"),
                "is not an argument of tools.decode (it takes encoding, default_encoding)");
        assertNull(compile("encode", "tools.encode.failmsg", "%r!", "tools.encode.debug", true).failure);
    }

    private static void assertFailure(Scope scope, String expected) {
        assertNotNull(scope.failure);
        String message = scope.failure.getMessage();
        assertTrue(message.contains(expected), message);
        assertTrue(message.contains("/shop"), message);
    }
}
