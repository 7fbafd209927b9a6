package org.cerise.tool.authdigest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cerise.api.tool.HookPoint;
import org.cerise.core.internal.config.HookEntry;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.config.ScopeCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How auth_digest sets itself up for a config scope, through the core's real compiler. */
class AuthDigestToolTest {

    private final ScopeCompiler compiler = new ScopeCompiler(
            name -> name.equals("auth_digest") ? new AuthDigestTool() : null);

    private Scope compile(Object... keyValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tools.auth_digest.on", Boolean.TRUE);
        config.put("tools.auth_digest.realm", "wonderland");
        config.put("tools.auth_digest.users", Map.of("alice", "4x5istwelve"));
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
    void hooksBeforeTheHandlerAtPriorityOneAndBeforeTheBodyOnlyForAuthInt() {
        Scope scope = compile();
        assertNull(scope.failure);
        HookEntry[] hooks = scope.hooks(HookPoint.BEFORE_HANDLER);
        assertEquals(1, hooks.length);
        assertEquals(1, hooks[0].priority());
        assertEquals("auth_digest", hooks[0].owner());
        assertEquals(0, scope.hooks(HookPoint.BEFORE_REQUEST_BODY).length);
        Scope authInt = compile("tools.auth_digest.qop", List.of("auth", "auth-int"), "tools.auth_digest.priority", 5L);
        assertEquals(5, authInt.hooks(HookPoint.BEFORE_REQUEST_BODY)[0].priority());
        assertEquals(5, authInt.hooks(HookPoint.BEFORE_HANDLER)[0].priority());
    }

    @Test
    void realmAlgorithmQopAndKeyAreChecked() {
        assertTrue(failure(compile("tools.auth_digest.realm", null)).contains("'tools.auth_digest.realm': None must be set"));
        assertTrue(failure(compile("tools.auth_digest.realm", "a\"b")).contains("cannot contain quotes"));
        assertTrue(failure(compile("tools.auth_digest.algorithm", "SHA-512")).contains(
                "'tools.auth_digest.algorithm': 'SHA-512' must be 'MD5', 'MD5-sess', 'SHA-256' or 'SHA-256-sess'"));
        assertTrue(failure(compile("tools.auth_digest.algorithm", List.of("MD5", "md5"))).contains("without repeats"));
        assertTrue(failure(compile("tools.auth_digest.qop", "auth-conf")).contains("must be 'auth', 'auth-int'"));
        assertTrue(failure(compile("tools.auth_digest.key", "")).contains("must not be empty"));
        assertTrue(failure(compile("tools.auth_digest.accept_charset", "klingon")).contains("must name a charset"));
        assertNull(compile("tools.auth_digest.algorithm", List.of("SHA-256-sess", "MD5")).failure);
    }

    @Test
    void exactlyOneCredentialSource() {
        assertTrue(failure(compile("tools.auth_digest.users", null)).contains(
                "must be set: one of tools.auth_digest.users, .ha1, .htdigest_file or .get_ha1"));
        assertTrue(failure(compile("tools.auth_digest.ha1", Map.of("alice", "3238cdfe91a8b2ed8e39646921a02d4c")))
                .contains("set only one of"));
        assertTrue(failure(compile("tools.auth_digest.users", List.of("alice"))).contains("must be a dict"));
        assertTrue(failure(compile("tools.auth_digest.users", Map.of("alice", 5L))).contains("both quoted strings"));
    }

    @Test
    void ha1ValuesMustBeHexOfAnOfferedHash() {
        String md5 = "3238cdfe91a8b2ed8e39646921a02d4c";
        assertNull(compile("tools.auth_digest.users", null, "tools.auth_digest.ha1", Map.of("alice", md5)).failure);
        assertTrue(failure(compile("tools.auth_digest.users", null, "tools.auth_digest.ha1", Map.of("alice", "xyz")))
                .contains("has a value for 'alice' that is not a hex HA1 of MD5"));
        assertTrue(failure(compile("tools.auth_digest.users", null, "tools.auth_digest.ha1", Map.of("alice", md5),
                "tools.auth_digest.algorithm", "SHA-256")).contains("not a hex HA1 of SHA-256"));
    }

    @Test
    void userhashNeedsTheUserNames() {
        assertTrue(failure(compile("tools.auth_digest.users", null, "tools.auth_digest.get_ha1", "accounts",
                "tools.auth_digest.userhash", true)).contains("needs the user names"));
    }

    @Test
    void anHtdigestFileMustExistAndBeWellFormed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope");
        assertTrue(failure(compile("tools.auth_digest.users", null, "tools.auth_digest.htdigest_file", missing.toString()))
                .contains("cannot be read"));
        Path bad = Files.writeString(dir.resolve("bad"), "alice:wonderland:3238cdfe91a8b2ed8e39646921a02d4c\nbob\n");
        assertTrue(failure(compile("tools.auth_digest.users", null, "tools.auth_digest.htdigest_file", bad.toString()))
                .contains("line 2 is not user:realm:HA1"));
        Path notHex = Files.writeString(dir.resolve("nothex"), "alice:wonderland:secret\nbob:other:secret\n");
        assertTrue(failure(compile("tools.auth_digest.users", null, "tools.auth_digest.htdigest_file", notHex.toString()))
                .contains("line 1 has no hex HA1 of MD5"));
    }

    @Test
    void aMisspeltArgumentIsRefusedRatherThanIgnored() {
        String message = failure(compile("tools.auth_digest.algorithms", "SHA-256"));
        assertTrue(message.contains("key 'tools.auth_digest.algorithms': 'SHA-256' is not an argument of "
                + "tools.auth_digest (it takes realm, users, ha1, htdigest_file, get_ha1, key, algorithm, qop, "
                + "userhash, accept_charset, debug)"), message);
    }
}
