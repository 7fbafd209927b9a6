package org.cerise.session.memcached.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.cerise.api.session.CuttableLink;
import org.cerise.api.session.ExternalServer;
import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionStoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A memcached that becomes unreachable (a {@link CuttableLink} between the store and a real
 * server) fails the store's operations at once with a message naming it, loses nothing, and
 * serves again by itself once reachable; a server that does not answer fails them within the
 * timeout; with several servers, each session's server alone matters.
 */
class MemcachedUnreachableTest {

    private static ExternalServer memcached;

    @BeforeAll
    static void startServer() throws Exception {
        memcached = Memcached.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        memcached.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    /** Fails unless the action throws SessionStoreException naming the server within the limit. */
    private static SessionStoreException failsFast(String server, long limitMillis, Action action) {
        long start = System.nanoTime();
        SessionStoreException e = assertThrows(SessionStoreException.class, action::run);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took < limitMillis, "failed in " + took + " ms: " + e.getMessage());
        assertTrue(e.getMessage().contains("memcached " + server), e.getMessage());
        return e;
    }

    private interface Action {
        void run() throws Exception;
    }

    @Test
    void aCutServerFailsFastAndServesItsDataAgainOnceMended() throws Exception {
        try (CuttableLink link = CuttableLink.to(memcached.port())) {
            String server = "127.0.0.1:" + link.port();
            MemcachedSessionStore store = new MemcachedSessionStore(Memcached.settings(List.of(server),
                    MemcachedSettings.CONNECT_TIMEOUT, "500", MemcachedSettings.TIMEOUT, "1000",
                    MemcachedSettings.RETRY_INTERVAL, "300"));
            try {
                String id = newId();
                store.save(id, bytes("saved before the cut"), inAnHour());
                assertNotNull(store.load(id));

                link.cut();
                SessionStoreException first = failsFast(server, 1000, () -> store.load(id));
                assertEquals("memcached " + server + ": cannot load session " + id
                        + ": the connection was closed by the server", first.getMessage());
                // marked down: the next calls fail at once, without a connection attempt
                SessionStoreException down = failsFast(server, 100, () -> store.save(id, bytes("lost"), inAnHour()));
                assertTrue(down.getMessage().startsWith("memcached " + server + " is unreachable (the connection "
                        + "was closed by the server, "), down.getMessage());
                assertTrue(down.getMessage().endsWith(" ms ago; tried again 300 ms after): cannot save session "
                        + id), down.getMessage());
                failsFast(server, 1000, () -> store.exists(id));
                failsFast(server, 1000, () -> store.delete(id));
                failsFast(server, 1000, () -> store.lock(id, Duration.ofSeconds(5)));
                failsFast(server, 1000, store::count);
                failsFast(server, 1000, store::ids);
                Thread.sleep(350);
                // tried again after the interval: still cut, still fast
                failsFast(server, 1000, () -> store.load(id));

                link.mend();
                byte[] loaded = eventually(() -> store.load(id).data());
                assertArrayEquals(bytes("saved before the cut"), loaded, "nothing was lost, nothing was changed");
                try (SessionLock lock = store.lock(id, Duration.ofSeconds(1))) {
                    store.save(id, bytes("after"), inAnHour());
                }
                assertEquals(1, store.count());
                store.delete(id);
            } finally {
                store.close();
            }
        }
    }

    @Test
    void connectionsDroppedWhileIdleAreReplacedWithoutAFailure() throws Exception {
        try (CuttableLink link = CuttableLink.to(memcached.port())) {
            MemcachedSessionStore store = new MemcachedSessionStore(
                    Memcached.settings(List.of("127.0.0.1:" + link.port())));
            try {
                String id = newId();
                store.save(id, bytes("kept"), inAnHour());
                MemcachedServer server = store.servers().get(0);
                assertEquals(1, server.idleConnections());
                link.cut(); // drops the pooled connection
                link.mend();
                assertArrayEquals(bytes("kept"), store.load(id).data(), "the dead connection was replaced");
                assertEquals(1, server.idleConnections());
                store.delete(id);
            } finally {
                store.close();
            }
        }
    }

    @Test
    void aServerThatDoesNotAnswerFailsWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String server = "127.0.0.1:" + silent.getLocalPort();
            MemcachedSessionStore store = new MemcachedSessionStore(Memcached.settings(List.of(server),
                    MemcachedSettings.TIMEOUT, "300"));
            try {
                String id = newId();
                SessionStoreException e = failsFast(server, 1500, () -> store.load(id));
                assertEquals("memcached " + server + ": cannot load session " + id
                        + ": no reply within 300 ms (timeout)", e.getMessage());
            } finally {
                store.close();
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }

    @Test
    void sessionsSpreadOverSeveralServersAndEachDependsOnItsOwn() throws Exception {
        try (ExternalServer second = Memcached.start(); CuttableLink link = CuttableLink.to(second.port())) {
            String cutServer = "127.0.0.1:" + link.port();
            MemcachedSessionStore store = new MemcachedSessionStore(
                    Memcached.settings(List.of(memcached.address(), cutServer),
                            MemcachedSettings.RETRY_INTERVAL, "200"));
            try {
                Map<String, Set<String>> byServer = Map.of(memcached.address(), new HashSet<>(), cutServer,
                        new HashSet<>());
                Set<String> all = new HashSet<>();
                for (int i = 0; i < 40; i++) {
                    String id = newId();
                    store.save(id, bytes(id), inAnHour());
                    all.add(id);
                    byServer.get(store.serverFor(id).name()).add(id);
                }
                assertTrue(byServer.get(memcached.address()).size() >= 8, "spread: " + byServer);
                assertTrue(byServer.get(cutServer).size() >= 8, "spread: " + byServer);
                for (String id : byServer.get(cutServer)) {
                    assertTrue(Memcached.raw(second.port(), "mg " + store.prefix() + id + " f").startsWith("HD"),
                            "on the server it was hashed to");
                }
                assertEquals(all, new HashSet<>(store.ids()));
                assertEquals(40, store.count());

                // the choice does not depend on the order the servers are listed in
                MemcachedSessionStore reordered = new MemcachedSessionStore(Memcached.settings(
                        List.of(cutServer, memcached.address())).withPrefix(store.prefix()));
                for (String id : all) {
                    assertArrayEquals(bytes(id), reordered.load(id).data());
                }
                reordered.close();

                link.cut();
                for (String id : byServer.get(memcached.address())) {
                    assertArrayEquals(bytes(id), store.load(id).data(), "the other server's sessions still work");
                }
                for (String id : byServer.get(cutServer)) {
                    failsFast(cutServer, 1000, () -> store.load(id));
                }
                failsFast(cutServer, 1000, store::count);
                link.mend();
                Thread.sleep(250);
                assertEquals(all, new HashSet<>(eventually(store::ids)));
                for (String id : all) {
                    store.delete(id);
                }
                assertNull(store.load(all.iterator().next()));
            } finally {
                store.close();
            }
        }
    }

    private interface Attempt<T> {
        T get() throws Exception;
    }

    /** Retries until the store works again, at most 5 s. */
    private static <T> T eventually(Attempt<T> attempt) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                return attempt.get();
            } catch (SessionStoreException e) {
                if (System.nanoTime() > deadline) {
                    fail("still failing 5 s after the link was mended: " + e.getMessage());
                }
                Thread.sleep(50);
            }
        }
    }
}
