package org.cerise.tool.params.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cerise.api.tool.HookPoint;
import org.cerise.core.internal.config.HookEntry;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.config.ScopeCompiler;
import org.junit.jupiter.api.Test;

/** Set-up through the core's real compiler, and the conversions on their own. */
class ParamsToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> name.equals("params") ? new ParamsTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.params.on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/search");
    }

    private static String failure(Scope scope) {
        assertNotNull(scope.failure, "the scope should not compile");
        return scope.failure.getMessage();
    }

    @Test
    void aHookBeforeTheHandlerPriority15() {
        Scope scope = compile("tools.params.types", Map.of("n", "int"));
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.BEFORE_HANDLER);
        assertEquals(1, hooks.length);
        assertEquals(15, hooks[0].priority());
        assertEquals(0, compile().hooks(HookPoint.BEFORE_HANDLER).length, "nothing declared, nothing to do");
    }

    @Test
    void typesAreChecked() {
        assertTrue(failure(compile("tools.params.types", Map.of("n", "long")))
                .contains("must map parameter names to 'str', 'int', 'float', 'bool' or 'list'; n is given long"));
        assertTrue(failure(compile("tools.params.types", "int")).contains("key 'tools.params.types'"));
        assertTrue(failure(compile("tools.params.error", 200L)).contains("key 'tools.params.error'"));
        assertTrue(failure(compile("tools.params.exception", "ValueError")).contains("names a Python exception class"));
    }

    @Test
    void intAsPython() {
        assertEquals(-5L, ParamType.INT.convert(" -5\t"));
        assertEquals(7L, ParamType.INT.convert("007"));
        assertEquals(new BigInteger("99999999999999999999"), ParamType.INT.convert("99_999_999_999_999_999_999"));
        for (String bad : new String[] {"", "+", "1.0", "_1", "1_", "--1", "0x10", "1e3"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParamType.INT.convert(bad));
            assertEquals("invalid literal for int() with base 10: '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void floatAsPython() {
        assertEquals(0.5, ParamType.FLOAT.convert(".5"));
        assertEquals(5.0, ParamType.FLOAT.convert("5."));
        assertEquals(Double.NEGATIVE_INFINITY, ParamType.FLOAT.convert("-Infinity"));
        assertTrue(((Double) ParamType.FLOAT.convert("nan")).isNaN());
        assertThrows(IllegalArgumentException.class, () -> ParamType.FLOAT.convert("1d"));
        assertThrows(IllegalArgumentException.class, () -> ParamType.FLOAT.convert("."));
    }

    @Test
    void reprAsPython() {
        assertEquals("'a'", ParamType.pyRepr("a"));
        assertEquals("\"it's\"", ParamType.pyRepr("it's"));
        assertEquals("'both \\' and \"'", ParamType.pyRepr("both ' and \""));
        assertEquals("'\\x00\\x7f\\u200b é'", ParamType.pyRepr("\u0000\u007f\u200b é"));
    }

    @Test
    void aMisspeltArgumentIsRefusedNamingWhatTheToolTakes() {
        String message = compile("tools.params.type", "int").failure.getMessage();
        assertTrue(message.contains("key 'tools.params.type': 'int' is not an argument of tools.params (it takes types, error)"), message);
    }
}
