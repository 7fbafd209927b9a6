package org.cerise.tool.sessionauth.internal;

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

/** How session_auth sets itself up for a config scope, through the core's real compiler. */
class SessionAuthToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(
            name -> name.equals("session_auth") ? new SessionAuthTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.session_auth.on", Boolean.TRUE);
        config.put("tools.session_auth.users", Map.of("test", "password"));
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                config.remove((String) keyValues[i]);
            } else {
                config.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return compiler.compile(config, "/members");
    }

    private static String failure(Scope scope) {
        assertNotNull(scope.failure, "the scope should not compile");
        return scope.failure.getMessage();
    }

    @Test
    void aHandlerToolBeforeTheHandlerAtFifty() {
        Scope scope = compile();
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.BEFORE_HANDLER);
        assertEquals(1, hooks.length);
        assertEquals(50, hooks[0].priority());
        assertEquals("session_auth", hooks[0].owner());
    }

    @Test
    void theUsersMustBeSaidAndWellFormed() {
        assertTrue(failure(compile("tools.session_auth.users", null)).contains(
                "'tools.session_auth.users': None must be set (a dict such as {'alice': 'secret'}), or "
                        + "tools.session_auth.check_username_and_password"));
        assertTrue(failure(compile("tools.session_auth.users", List.of("a"))).contains("must be a dict"));
        assertTrue(failure(compile("tools.session_auth.users", Map.of("a", 1L))).contains("both quoted strings"));
        assertTrue(failure(compile("tools.session_auth.check_username_and_password", "staff")).contains("choose one"));
    }

    @Test
    void otherArguments() {
        assertTrue(failure(compile("tools.session_auth.login_screen", "")).contains("must be a path suffix"));
        assertTrue(failure(compile("tools.session_auth.session_key", "")).contains("must not be empty"));
        assertTrue(failure(compile("tools.session_auth.anonymous", 1L)).contains("must be a quoted string"));
        assertTrue(failure(compile("tools.session_auth.regenerate_id", "no")).contains("must be True or False"));
    }

    @Test
    void anArgumentItDoesNotTakeIsRefusedRatherThanIgnored() {
        String message = failure(compile("tools.session_auth.on_login", "audit"));
        assertTrue(message.contains("key 'tools.session_auth.on_login': 'audit' is not an argument of tools.session_auth "
                + "(it takes users, check_username_and_password, session_key, login_screen, anonymous, regenerate_id, "
                + "debug)"), message);
    }
}
