package org.cerise.session.redis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import org.cerise.api.session.ExternalServer;
import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionStoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server that asks for a password (requirepass) or an ACL user: the store works with the
 * right credentials, and without them fails with a message that names the server and the
 * refusal but never shows a password.
 */
@SuppressWarnings("try") // locks held by try-with-resources, unreferenced in the body
class RedisAuthTest {

    private static final String PASSWORD = "s3cret-pass";
    private static final String USER = "cerise";
    private static final String USER_PASSWORD = "user-pass-42";

    private static ExternalServer server;

    @BeforeAll
    static void startServer() throws IOException {
        // the default user needs PASSWORD; USER may only touch keys of its own prefix
        server = RedisServers.start("--requirepass", PASSWORD,
                "--user", USER, "on", ">" + USER_PASSWORD, "~acl:*", "+@all");
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static void roundTrip(RedisSessionStore store) throws Exception {
        Instant expires = Instant.now().plusSeconds(60);
        store.save("authed", new byte[] {4, 2}, expires);
        assertArrayEquals(new byte[] {4, 2}, store.load("authed").data());
        try (SessionLock lock = store.lock("authed", Duration.ofSeconds(1))) {
            assertEquals(1, store.count());
        }
        store.delete("authed");
    }

    @Test
    void theRightPasswordIsAccepted() throws Exception {
        RedisSessionStore store = new RedisSessionStore(
                RedisServers.settings(server.port(), RedisSettings.PASSWORD, PASSWORD));
        try {
            roundTrip(store);
        } finally {
            store.close();
        }
    }

    @Test
    void thePrivateKeyDotPasswordIsAcceptedToo() throws Exception {
        RedisSessionStore store = new RedisSessionStore(
                RedisServers.settings(server.port(), RedisSettings.PRIVATE_PASSWORD, PASSWORD));
        try {
            roundTrip(store);
        } finally {
            store.close();
        }
    }

    @Test
    void anAclUserWithItsPasswordIsAccepted() throws Exception {
        RedisSettings base = RedisServers.settings(server.port(), RedisSettings.USERNAME, USER,
                RedisSettings.PASSWORD, USER_PASSWORD);
        RedisSessionStore store = new RedisSessionStore(base.withPrefix("acl:" + base.prefix()));
        try {
            roundTrip(store);
        } finally {
            store.close();
        }
    }

    @Test
    void noPasswordIsRefusedWithAClearMessage() {
        RedisSessionStore store = new RedisSessionStore(RedisServers.settings(server.port()));
        try {
            SessionStoreException e = assertThrows(SessionStoreException.class, () -> store.load("x"));
            assertTrue(e.getMessage().startsWith("redis store at " + server.address() + ": loading session x failed"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("NOAUTH"), e.getMessage());
        } finally {
            store.close();
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndNotShown() {
        String wrong = "not-the-password";
        RedisSessionStore store = new RedisSessionStore(
                RedisServers.settings(server.port(), RedisSettings.PASSWORD, wrong));
        try {
            SessionStoreException e = assertThrows(SessionStoreException.class,
                    () -> store.save("x", new byte[1], Instant.now().plusSeconds(60)));
            assertTrue(e.getMessage().contains(server.address()), e.getMessage());
            assertTrue(e.getMessage().contains("WRONGPASS"), e.getMessage());
            assertFalse(e.getMessage().contains(wrong), e.getMessage());
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(wrong), "cause " + t);
            }
            assertFalse(store.settings().toString().contains(wrong), store.settings().toString());
        } finally {
            store.close();
        }
    }

    @Test
    void anAclUserOutsideItsKeysIsRefused() {
        RedisSessionStore store = new RedisSessionStore(RedisServers.settings(server.port(),
                RedisSettings.USERNAME, USER, RedisSettings.PASSWORD, USER_PASSWORD));
        try {
            SessionStoreException e = assertThrows(SessionStoreException.class,
                    () -> store.save("x", new byte[1], Instant.now().plusSeconds(60)));
            assertTrue(e.getMessage().contains("NOPERM"), e.getMessage());
        } finally {
            store.close();
        }
    }
}
