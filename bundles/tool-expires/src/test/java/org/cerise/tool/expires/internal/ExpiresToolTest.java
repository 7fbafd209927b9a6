package org.cerise.tool.expires.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cerise.api.tool.HookPoint;
import org.cerise.core.internal.config.HookEntry;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.config.ScopeCompiler;
import org.junit.jupiter.api.Test;

/** Set-up through the core's real compiler, and the date format. */
class ExpiresToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> name.equals("expires") ? new ExpiresTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.expires.on", Boolean.TRUE);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return compiler.compile(config, "/static");
    }

    @Test
    void aHookBeforeFinalizePriority50() {
        Scope scope = compile("tools.expires.secs", 60L);
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.BEFORE_FINALIZE);
        assertEquals(1, hooks.length);
        assertEquals(50, hooks[0].priority());
    }

    @Test
    void secsMustBeANumber() {
        Scope scope = compile("tools.expires.secs", "60");
        assertNotNull(scope.failure);
        assertTrue(scope.failure.getMessage().contains("key 'tools.expires.secs': '60' must be a number of seconds"),
                scope.failure.getMessage());
        assertNotNull(compile("tools.expires.force", "yes").failure);
        assertNotNull(compile("tools.expires.sec", 1L).failure);
    }

    @Test
    void datesHaveATwoDigitDayAsPythonWritesThem() {
        assertEquals(ExpiresTool.PAST, ExpiresTool.HTTP_DATE.format(Instant.ofEpochSecond(1169942400L)));
        assertEquals("Mon, 02 Jan 2006 15:04:05 GMT", ExpiresTool.HTTP_DATE.format(Instant.ofEpochSecond(1136214245L)));
    }

    @Test
    void protocolVersions() {
        assertTrue(ExpiresTool.atLeastHttp11("HTTP/1.1"));
        assertTrue(ExpiresTool.atLeastHttp11("HTTP/2.0"));
        assertFalse(ExpiresTool.atLeastHttp11("HTTP/1.0"));
        assertFalse(ExpiresTool.atLeastHttp11("HTTP/0.9"));
    }

    @Test
    void aMisspeltArgumentIsRefusedNamingWhatTheToolTakes() {
        String message = compile("tools.expires.seconds", 60L).failure.getMessage();
        assertTrue(message.contains("key 'tools.expires.seconds': 60 is not an argument of tools.expires (it takes secs, "
                + "force, debug)"), message);
    }
}
