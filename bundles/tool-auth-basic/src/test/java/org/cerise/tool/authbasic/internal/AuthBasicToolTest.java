package org.cerise.tool.authbasic.internal;

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

/** How auth_basic sets itself up for a config scope, through the core's real compiler. */
class AuthBasicToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(
            name -> name.equals("auth_basic") ? new AuthBasicTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.auth_basic.on", Boolean.TRUE);
        config.put("tools.auth_basic.realm", "earth");
        config.put("tools.auth_basic.users", Map.of("alice", "secret"));
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                config.remove((String) keyValues[i]);
            } else {
                config.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return compiler.compile(config, "/private");
    }

    private static String failure(Scope scope) {
        assertNotNull(scope.failure, "the scope should not compile");
        return scope.failure.getMessage();
    }

    @Test
    void hooksBeforeTheHandlerAtPriorityOne() {
        Scope scope = compile();
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.BEFORE_HANDLER);
        assertEquals(1, hooks.length);
        assertEquals(1, hooks[0].priority());
        assertEquals("auth_basic", hooks[0].owner());
        assertEquals(0, scope.hooks(HookPoint.ON_START_RESOURCE).length);
        assertEquals(7, compile("tools.auth_basic.priority", 7L).hooks(HookPoint.BEFORE_HANDLER)[0].priority());
    }

    @Test
    void theRealmIsRequiredAndMustFitInAQuotedString() {
        assertTrue(failure(compile("tools.auth_basic.realm", null)).contains("key 'tools.auth_basic.realm': None must be set"));
        assertTrue(failure(compile("tools.auth_basic.realm", "ea\"rth")).contains("cannot contain quotes"));
        assertTrue(failure(compile("tools.auth_basic.realm", 3L)).contains("must be a quoted string"));
    }

    @Test
    void credentialsComeFromExactlyOneSource() {
        assertTrue(failure(compile("tools.auth_basic.users", null)).contains("must be set (a dict such as"));
        assertTrue(failure(compile("tools.auth_basic.users", List.of("alice"))).contains("must be a dict"));
        assertTrue(failure(compile("tools.auth_basic.users", Map.of("alice", 1L))).contains("both quoted strings"));
        assertTrue(failure(compile("tools.auth_basic.checkpassword", "ldap")).contains("choose one"));
    }

    @Test
    void theCharsetMustExist() {
        String message = failure(compile("tools.auth_basic.accept_charset", "klingon-8"));
        assertTrue(message.contains("key 'tools.auth_basic.accept_charset': 'klingon-8' must name a charset"), message);
        assertTrue(message.contains("/private"), message);
    }

    @Test
    void aMisspeltArgumentIsRefusedRatherThanIgnored() {
        String message = failure(compile("tools.auth_basic.check_password", "ldap"));
        assertTrue(message.contains("key 'tools.auth_basic.check_password': 'ldap' is not an argument of "
                + "tools.auth_basic (it takes realm, users, checkpassword, accept_charset, debug)"), message);
        assertNull(compile("tools.auth_basic.debug", true, "tools.auth_basic.priority", 3L).failure);
    }
}
