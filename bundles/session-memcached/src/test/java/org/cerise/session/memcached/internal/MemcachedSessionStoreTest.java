package org.cerise.session.memcached.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.cerise.api.session.ExternalServer;
import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionLockTimeoutException;
import org.cerise.api.session.SessionStore;
import org.cerise.api.session.SessionStoreContract;
import org.cerise.api.session.SessionStoreException;
import org.cerise.api.session.StoredSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The memcached store passes the compliance suite against a real memcached (one for the class,
 * a key prefix of its own for each test), and keeps memcached's TTLs, locks and key listing
 * right.
 */
class MemcachedSessionStoreTest extends SessionStoreContract {

    private static ExternalServer memcached;

    @BeforeAll
    static void startServer() throws Exception {
        memcached = Memcached.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        memcached.close();
    }

    @Override
    protected SessionStore newStore() {
        return open();
    }

    @Override
    protected void closeStore(SessionStore tested) {
        ((MemcachedSessionStore) tested).close();
    }

    private static MemcachedSessionStore open(String... more) {
        return new MemcachedSessionStore(Memcached.settings(List.of(memcached.address()), more));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    @Test
    void anExpiredSessionIsNotLoadedWhileMemcachedStillHoldsIt() throws Exception {
        MemcachedSessionStore store = (MemcachedSessionStore) store();
        String id = newId();
        // Saved at half past a second: the TTL (whole seconds, rounded up, plus one for
        // memcached's clock, which ticks once a second at its own phase) keeps the item at least
        // as long past the session's expiry as the save was into its second. Saved in a second's
        // first milliseconds, memcached could drop it before the check below (seen in CI).
        sleepUntil((System.currentTimeMillis() / 1000 + 1) * 1000 + 500);
        Instant expires = Instant.now().plusMillis(1200);
        store.save(id, bytes("brief"), expires);
        assertNotNull(store.load(id));
        // the store keeps whole seconds, rounded down
        sleepUntil(expires.getEpochSecond() * 1000 + 50);
        String key = store.prefix() + id;
        assertTrue(Memcached.raw(memcached.port(), "mg " + key + " f").startsWith("HD"),
                "memcached's TTL runs a little past the session's expiry");
        assertNull(store.load(id), "but the store does not return it");
        assertFalse(store.exists(id));
        assertEquals(0, store.count());
        assertTrue(store.ids().isEmpty());
    }

    @Test
    void theTtlEndsAfterTheExpiryAndLongOnesAreUnixTimes() throws Exception {
        long now = 1_700_000_000_250L;
        // 9.75 s left: 10 s rounded up, and a second for memcached's coarse clock
        assertEquals(11, MemcachedSessionStore.ttl(1_700_000_010L, now));
        assertEquals(2, MemcachedSessionStore.ttl(1_700_000_001L, now));
        long in40Days = 1_700_000_000L + 40L * 24 * 3600;
        assertEquals(in40Days + 1, MemcachedSessionStore.ttl(in40Days, now), "beyond 30 days: a Unix time");
        assertEquals(0, MemcachedSessionStore.ttl(3_000_000_000L, now), "beyond 2038: no TTL, the flags expire it");

        MemcachedSessionStore store = (MemcachedSessionStore) store();
        String id = newId();
        Instant expires = Instant.now().plus(Duration.ofDays(40));
        store.save(id, bytes("long"), expires);
        StoredSession loaded = store.load(id);
        assertNotNull(loaded, "a TTL over 30 days is not taken for a time in 1970");
        assertEquals(expires.getEpochSecond(), loaded.expires().getEpochSecond());
        String line = Memcached.metadump(memcached.port()).stream()
                .filter(l -> l.startsWith("key=" + store.prefix() + id + " ")).findFirst()
                .orElseThrow();
        long exp = Long.parseLong(line.replaceAll(".* exp=(-?\\d+) .*", "$1"));
        assertTrue(Math.abs(exp - (expires.getEpochSecond() + 1)) <= 2, line);
    }

    @Test
    void aCrashedHoldersLockExpires() throws Exception {
        MemcachedSessionStore store = open(MemcachedSettings.LOCK_LIFETIME, "1000");
        try {
            String id = newId();
            store.lock(id, SHORT_WAIT); // never released: its holder "crashed"
            long start = System.nanoTime();
            try (SessionLock lock = store.lock(id, Duration.ofSeconds(5))) {
                long waited = (System.nanoTime() - start) / 1_000_000;
                assertTrue(waited >= 900 && waited < 3500,
                        "the lock expired after lock.lifetime, within memcached's second: " + waited + " ms");
            }
        } finally {
            store.close();
        }
    }

    @Test
    void releasingAnExpiredLockLeavesTheNextHoldersLock() throws Exception {
        MemcachedSessionStore store = open(MemcachedSettings.LOCK_LIFETIME, "1000");
        try {
            String id = newId();
            SessionLock first = store.lock(id, SHORT_WAIT);
            SessionLock second = store.lock(id, Duration.ofSeconds(5)); // once the first expired
            first.close(); // late: must not delete the second's lock
            assertThrows(SessionLockTimeoutException.class, () -> store.lock(id, SHORT_WAIT),
                    "the second holder still holds it");
            second.close();
            try (SessionLock third = store.lock(id, SHORT_WAIT)) {
                assertNotNull(third);
            }
        } finally {
            store.close();
        }
    }

    @Test
    void storesWithOtherPrefixesShareTheServerWithoutSeeingEachOther() throws Exception {
        String prefix = Memcached.uniquePrefix();
        MemcachedSettings base = Memcached.settings(List.of(memcached.address()));
        MemcachedSessionStore outer = new MemcachedSessionStore(base.withPrefix(prefix));
        // a prefix that extends the other's: its keys look like "b.ID" to the outer store
        MemcachedSessionStore inner = new MemcachedSessionStore(base.withPrefix(prefix + "b."));
        try {
            String id = newId();
            String other = newId();
            outer.save(id, bytes("outer"), inAnHour());
            inner.save(id, bytes("inner"), inAnHour());
            inner.save(other, bytes("inner only"), inAnHour());
            assertArrayEquals(bytes("outer"), outer.load(id).data());
            assertArrayEquals(bytes("inner"), inner.load(id).data());
            assertNull(outer.load(other));
            assertEquals(Set.of(id), new HashSet<>(outer.ids()));
            assertEquals(Set.of(id, other), new HashSet<>(inner.ids()));
            try (SessionLock a = outer.lock(id, SHORT_WAIT); SessionLock b = inner.lock(id, SHORT_WAIT)) {
                assertNotNull(a, "locks are per store too");
            }
            outer.delete(id);
            inner.delete(id);
            inner.delete(other);
        } finally {
            outer.close();
            inner.close();
        }
    }

    @Test
    void keysThatMemcachedEscapesInItsDumpAreListed() throws Exception {
        MemcachedSettings base = Memcached.settings(List.of(memcached.address()));
        MemcachedSessionStore store = new MemcachedSessionStore(base.withPrefix("t:%/" + base.prefix()));
        try {
            Set<String> ids = Set.of(newId(), newId(), newId());
            for (String id : ids) {
                store.save(id, bytes(id), inAnHour());
            }
            assertEquals(ids, new HashSet<>(store.ids()));
            assertEquals(3, store.count());
            for (String id : ids) {
                store.delete(id);
            }
        } finally {
            store.close();
        }
    }

    @Test
    void dataTooLargeForMemcachedIsAClearErrorAndTheStoreGoesOn() throws Exception {
        String id = newId();
        byte[] huge = new byte[2 * 1024 * 1024];
        SessionStoreException e = assertThrows(SessionStoreException.class, () -> store().save(id, huge, inAnHour()));
        assertTrue(e.getMessage().startsWith("memcached " + memcached.address() + ": cannot save session " + id + ": "),
                e.getMessage());
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        store().save(id, bytes("small"), inAnHour());
        assertArrayEquals(bytes("small"), store().load(id).data());
    }

    @Test
    void listingWithoutTheCrawlerSaysWhatIsMissing() throws Exception {
        try (ExternalServer noDumps = Memcached.start("-X")) {
            MemcachedSessionStore store = new MemcachedSessionStore(Memcached.settings(List.of(noDumps.address())));
            try {
                String id = newId();
                store.save(id, bytes("x"), inAnHour());
                assertNotNull(store.load(id), "sessions work without it");
                SessionStoreException e = assertThrows(SessionStoreException.class, store::count);
                assertEquals("memcached " + noDumps.address() + ": cannot list the sessions: 'lru_crawler metadump hash' "
                        + "answered 'ERROR metadump not allowed': listing the sessions needs memcached 1.6.10 or later "
                        + "with its LRU crawler and dumps allowed", e.getMessage());
            } finally {
                store.close();
            }
        }
    }

    @Test
    void countAndIdsSeeManySessions() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            String id = newId();
            ids.add(id);
            store().save(id, bytes("s" + i), inAnHour());
        }
        assertEquals(300, store().count());
        assertEquals(ids, new HashSet<>(store().ids()));
    }

    @Test
    void idsMissNoSessionThatIsReadWhileTheServerIsCrawled() throws Exception {
        // memcached's LRU crawl (metadump all) skips the items busy as it passes: under these
        // reads it missed 25-75% of the sessions; the hash-table walk the store uses, none
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = newId();
            ids.add(id);
            store().save(id, bytes("s" + i), inAnHour());
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<?> reading = reader.submit(() -> {
                while (!stop.get()) {
                    for (String id : ids) {
                        assertNotNull(store().load(id));
                    }
                }
                return null;
            });
            for (int round = 0; round < 10; round++) {
                assertEquals(new HashSet<>(ids), new HashSet<>(store().ids()), "round " + round);
                assertEquals(200, store().count());
            }
            stop.set(true);
            reading.get();
        } finally {
            stop.set(true);
            reader.shutdownNow();
        }
    }

    @Test
    void activatedFromAFileInstallConfiguration() throws Exception {
        // FileInstall gives every value as a string
        MemcachedSessionStore store = new MemcachedSessionStore();
        String prefix = Memcached.uniquePrefix();
        store.activate(Map.of("servers", "127.0.0.1:1, " + memcached.address(), "prefix", prefix,
                "timeout", "500", "lock.lifetime", "5000", "component.name", "ignored"));
        try {
            assertEquals(2, store.servers().size());
            assertEquals(prefix, store.prefix());
            String id = newId();
            while (!store.serverFor(id).name().equals(memcached.address())) {
                id = newId();
            }
            store.save(id, bytes("x"), inAnHour());
            assertArrayEquals(bytes("x"), store.load(id).data());
            String elsewhere = newId();
            while (!store.serverFor(elsewhere).name().equals("127.0.0.1:1")) {
                elsewhere = newId();
            }
            String refused = elsewhere;
            SessionStoreException e = assertThrows(SessionStoreException.class, () -> store.load(refused));
            assertEquals("memcached 127.0.0.1:1: cannot load session " + refused + ": connection refused",
                    e.getMessage());
        } finally {
            store.close();
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new MemcachedSessionStore().activate(Map.of("lock.poll", "often")));
        assertEquals("org.cerise.session.memcached: lock.poll = 'often' is not acceptable: expected a whole number "
                + "from 1 to 10000", bad.getMessage());
    }
}
