package org.cerise.session.redis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cerise.api.session.CuttableLink;
import org.cerise.api.session.ExternalServer;
import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionStoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A store whose server becomes unreachable throws {@link SessionStoreException} at once, naming
 * the server, and works again by itself when the server is back, with what it had saved; it
 * keeps no broken connection in its pool. A server that accepts but never answers costs one
 * timeout, not a hang.
 */
class RedisOutageTest {

    private static ExternalServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisServers.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs the operation, which must fail fast with a message naming the address. */
    private static void failsFast(String address, Executable operation) {
        long start = System.nanoTime();
        SessionStoreException e = assertThrows(SessionStoreException.class, operation);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 1000, "failed after " + millis + " ms: " + e.getMessage());
        assertTrue(e.getMessage().contains(address), e.getMessage());
        assertTrue(e.getMessage().startsWith("redis store at "), e.getMessage());
    }

    @Test
    void aCutLinkFailsFastAndTheStoreRecoversWithItsData() throws Exception {
        try (CuttableLink link = CuttableLink.to(server.port())) {
            RedisSessionStore store = new RedisSessionStore(RedisServers.settings(link.port()));
            try {
                String address = "127.0.0.1:" + link.port();
                String id = "before-the-cut";
                store.save(id, bytes("kept"), inAnHour());
                store.pool().addObjects(3); // several pooled connections, all of which the cut kills

                link.cut();
                failsFast(address, () -> store.load(id));
                failsFast(address, () -> store.save(id, bytes("lost"), inAnHour()));
                failsFast(address, () -> store.exists(id));
                failsFast(address, () -> store.delete(id));
                failsFast(address, () -> store.lock(id, Duration.ofSeconds(5)));
                failsFast(address, store::count);
                failsFast(address, store::ids);
                assertEquals(0, store.removeExpired(), "nothing to do, nothing to fail");

                link.mend();
                assertArrayEquals(bytes("kept"), store.load(id).data(), "saved before the cut, still there");
                store.save(id, bytes("after"), inAnHour());
                assertArrayEquals(bytes("after"), store.load(id).data());
                try (SessionLock lock = store.lock(id, Duration.ofSeconds(1))) {
                    assertNotNull(lock, "the lock asked for during the cut was never taken");
                }
                assertEquals(1, store.count());
            } finally {
                store.close();
            }
        }
    }

    @Test
    void connectionsKilledWhileIdleAreNotReused() throws Exception {
        try (CuttableLink link = CuttableLink.to(server.port())) {
            RedisSessionStore store = new RedisSessionStore(RedisServers.settings(link.port()));
            try {
                store.save("idle", bytes("x"), inAnHour());
                store.pool().addObjects(3);
                assertTrue(store.openConnections() >= 4, "connections pooled: " + store.openConnections());
                // the server went away and came back while nobody used the store
                link.cut();
                link.mend();
                for (int i = 0; i < 8; i++) {
                    assertArrayEquals(bytes("x"), store.load("idle").data(), "operation " + i + " after the cut");
                }
                assertTrue(store.openConnections() <= 1, "the dead connections were dropped, not pooled: "
                        + store.openConnections());
            } finally {
                store.close();
            }
        }
    }

    @Test
    void aStoppedServerIsRefusedAtOnceAndARestartedOneIsUsedAgain() throws Exception {
        try (ExternalServer own = RedisServers.start()) {
            RedisSessionStore store = new RedisSessionStore(RedisServers.settings(own.port()));
            try {
                store.save("first", bytes("1"), inAnHour());
                own.stop();
                failsFast(own.address(), () -> store.load("first"));
                failsFast(own.address(), () -> store.save("second", bytes("2"), inAnHour()));
                own.restart();
                // this server keeps nothing on disk: what it had is gone, but the store works again
                assertNull(store.load("first"));
                store.save("second", bytes("2"), inAnHour());
                assertArrayEquals(bytes("2"), store.load("second").data());
            } finally {
                store.close();
            }
        }
    }

    @Test
    void aServerThatNeverAnswersCostsOneTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never answers
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RedisSessionStore store = new RedisSessionStore(
                    RedisServers.settings(silent.getLocalPort(), RedisSettings.TIMEOUT, "300"));
            try {
                long start = System.nanoTime();
                SessionStoreException e = assertThrows(SessionStoreException.class, () -> store.load("x"));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(millis >= 250 && millis < 1500, "gave up after " + millis + " ms: " + e.getMessage());
                assertTrue(e.getMessage().contains("127.0.0.1:" + silent.getLocalPort()), e.getMessage());
            } finally {
                store.close();
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }

    @Test
    void anExhaustedPoolFailsAfterPoolWait() throws Exception {
        RedisSessionStore store = new RedisSessionStore(RedisServers.settings(server.port(),
                RedisSettings.POOL_SIZE, "1", RedisSettings.POOL_WAIT, "200", RedisSettings.TIMEOUT, "3000"));
        try (redis.clients.jedis.Jedis blocker = RedisServers.client(server)) {
            // the store's one connection waits for a reply that a paused server does not give
            Thread busy = new Thread(() -> {
                try {
                    store.load("busy");
                } catch (SessionStoreException ignored) {
                    // a read timeout, if the pause outlasts it
                }
            });
            blocker.clientPause(1000);
            busy.start();
            Thread.sleep(100);
            long start = System.nanoTime();
            SessionStoreException e = assertThrows(SessionStoreException.class, () -> store.load("other"));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 150 && millis < 900, "waited " + millis + " ms: " + e.getMessage());
            assertTrue(e.getMessage().contains(server.address()), e.getMessage());
            busy.join(5000);
            assertNull(store.load("other"), "usable again once the connection is back");
        } finally {
            store.close();
        }
    }
}
