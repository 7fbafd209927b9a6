package org.cerise.tool.cors.internal;

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

/** How cors sets itself up for a config scope, through the core's real compiler. */
class CorsToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(name -> name.equals("cors") ? new CorsTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.cors.on", Boolean.TRUE);
        config.put("tools.cors.origins", List.of("https://a.example"));
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                config.remove((String) keyValues[i]);
            } else {
                config.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return compiler.compile(config, "/api");
    }

    private static String failure(Scope scope) {
        assertNotNull(scope.failure, "the scope should not compile");
        return scope.failure.getMessage();
    }

    @Test
    void preflightsAtTheStartAndHeadersAtFinalizeAndAfterErrors() {
        Scope scope = compile();
        assertNull(scope.failure);
        for (HookPoint p : List.of(HookPoint.ON_START_RESOURCE, HookPoint.BEFORE_FINALIZE, HookPoint.AFTER_ERROR_RESPONSE)) {
            HookEntry[] hooks = scope.hooks(p);
            assertEquals(1, hooks.length, p.toString());
            assertEquals(1, hooks[0].priority());
            assertEquals("cors", hooks[0].owner());
        }
        assertEquals(0, scope.hooks(HookPoint.BEFORE_HANDLER).length);
        assertTrue(scope.hooks(HookPoint.BEFORE_FINALIZE)[0].failsafe());
    }

    @Test
    void originsAreRequiredAndMustBeOrigins() {
        assertTrue(failure(compile("tools.cors.origins", null)).contains("'tools.cors.origins': None must be set"));
        assertTrue(failure(compile("tools.cors.origins", "https://a.example/path")).contains("no path"));
        assertTrue(failure(compile("tools.cors.origins", "a.example")).contains("must be '*' or origins such as"));
        assertTrue(failure(compile("tools.cors.origins", List.of(1L))).contains("quoted origins"));
        assertNull(compile("tools.cors.origins", List.of("*", "null", "http://[::1]:8080", "https://*.a.example")).failure);
    }

    @Test
    void otherArguments() {
        assertTrue(failure(compile("tools.cors.methods", List.of("GET", "BAD METHOD"))).contains("method names"));
        assertTrue(failure(compile("tools.cors.headers", "X Token")).contains("header names"));
        assertTrue(failure(compile("tools.cors.expose_headers", "*", "tools.cors.credentials", true))
                .contains("cannot be '*' with credentials = True"));
        assertTrue(failure(compile("tools.cors.max_age", -1L)).contains("must be a number of seconds"));
        assertTrue(failure(compile("tools.cors.credentials", "yes")).contains("must be True or False"));
    }

    @Test
    void aMisspeltArgumentIsRefusedRatherThanIgnored() {
        assertTrue(failure(compile("tools.cors.allow_credentials", true)).contains("key 'tools.cors.allow_credentials': "
                + "True is not an argument of tools.cors (it takes origins, methods, headers, expose_headers, "
                + "credentials, max_age)"));
    }
}
