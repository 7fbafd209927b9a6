package org.cerise.api.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link SessionStore}, which every backend's tests extend (the compliance
 * suite): data and expiry round-trip, expired data is invisible, delete, exists, count, ids,
 * removing expired sessions, locks that exclude, time out and are independent per id, ids that
 * cannot escape the store, and many threads at once.
 *
 * <pre>
 * class RedisSessionStoreTest extends SessionStoreContract {
 *     protected SessionStore newStore() { return new RedisSessionStore(server.config()); }
 * }
 * </pre>
 *
 * <p>Stores of a real server are tested against a real server. Expiry is checked with data
 * that expires a little over a second after it is saved, since servers count TTLs in seconds.
 */
public abstract class SessionStoreContract {

    /** How long a test waits for a lock that another holder keeps. */
    protected static final Duration SHORT_WAIT = Duration.ofMillis(300);

    private SessionStore store;
    private final List<String> used = new ArrayList<>();

    /**
     * @return a store to test, empty, that no other test uses (a fresh directory, a key prefix
     *         or database of its own)
     * @throws Exception if it cannot be made
     */
    protected abstract SessionStore newStore() throws Exception;

    /**
     * Releases what {@link #newStore()} made; the default does nothing.
     *
     * @param tested the store
     * @throws Exception if it cannot be released
     */
    protected void closeStore(SessionStore tested) throws Exception {
    }

    /** @return the store under test */
    protected final SessionStore store() {
        return store;
    }

    @BeforeEach
    final void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    final void releaseStore() throws Exception {
        try {
            for (String id : used) {
                store.delete(id);
            }
        } finally {
            closeStore(store);
        }
    }

    /** @return a fresh id, as the sessions tool makes them (40 hex digits) */
    protected final String newId() {
        StringBuilder id = new StringBuilder(40);
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 40; i++) {
            id.append(Character.forDigit(random.nextInt(16), 16));
        }
        String made = id.toString();
        synchronized (used) {
            used.add(made);
        }
        return made;
    }

    private static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Waits until the instant has passed by a margin, as servers count expiry in whole seconds. */
    private static void after(Instant instant) throws InterruptedException {
        long wait = Duration.between(Instant.now(), instant.plusMillis(1100)).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    @Test
    void whatIsSavedLoadsBackWithItsExpiry() throws Exception {
        String id = newId();
        byte[] data = new byte[256];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        Instant expires = inAnHour();
        store().save(id, data, expires);
        StoredSession loaded = store().load(id);
        assertNotNull(loaded);
        assertArrayEquals(data, loaded.data(), "every byte value survives");
        assertTrue(Duration.between(expires, loaded.expires()).abs().compareTo(Duration.ofSeconds(1)) <= 0,
                "expiry kept to the second: saved " + expires + ", loaded " + loaded.expires());
    }

    @Test
    void theStoreKeepsItsOwnCopyOfTheData() throws Exception {
        String id = newId();
        byte[] data = bytes("original");
        store().save(id, data, inAnHour());
        data[0] = 'X';
        assertArrayEquals(bytes("original"), store().load(id).data());
    }

    @Test
    void anUnknownIdLoadsNothing() throws Exception {
        assertNull(store().load(newId()));
        assertFalse(store().exists(newId()));
    }

    @Test
    void savingAgainReplaces() throws Exception {
        String id = newId();
        store().save(id, bytes("one"), inAnHour());
        store().save(id, bytes("two"), inAnHour());
        assertArrayEquals(bytes("two"), store().load(id).data());
    }

    @Test
    void deleteRemovesAndDeletingNothingIsFine() throws Exception {
        String id = newId();
        store().save(id, bytes("x"), inAnHour());
        assertTrue(store().exists(id));
        store().delete(id);
        assertNull(store().load(id));
        assertFalse(store().exists(id));
        store().delete(id);
        store().delete(newId());
    }

    @Test
    void dataSavedAlreadyExpiredIsNeverLoaded() throws Exception {
        String id = newId();
        store().save(id, bytes("stale"), Instant.now().minusSeconds(5));
        assertNull(store().load(id));
        assertFalse(store().exists(id));
    }

    @Test
    void dataExpiresWhenItsTimeComes() throws Exception {
        String id = newId();
        String kept = newId();
        Instant soon = Instant.now().plusSeconds(1);
        store().save(id, bytes("brief"), soon);
        store().save(kept, bytes("kept"), inAnHour());
        assertNotNull(store().load(id), "not yet expired");
        after(soon);
        assertNull(store().load(id), "expired");
        assertFalse(store().exists(id));
        assertNotNull(store().load(kept), "another session is untouched");
    }

    @Test
    void removeExpiredLeavesLiveSessions() throws Exception {
        String brief = newId();
        String kept = newId();
        Instant soon = Instant.now().plusSeconds(1);
        store().save(brief, bytes("brief"), soon);
        store().save(kept, bytes("kept"), inAnHour());
        after(soon);
        int removed = store().removeExpired();
        assertTrue(removed == 0 || removed == 1, "removed " + removed);
        assertNull(store().load(brief));
        assertArrayEquals(bytes("kept"), store().load(kept).data());
        assertEquals(1, store().count());
    }

    @Test
    void countAndIdsSeeEveryLiveSession() throws Exception {
        assertEquals(0, store().count(), "a new store is empty");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String id = newId();
            ids.add(id);
            store().save(id, bytes("s" + i), inAnHour());
        }
        assertEquals(5, store().count());
        assertEquals(ids, new HashSet<>(store().ids()));
        String gone = ids.iterator().next();
        store().delete(gone);
        ids.remove(gone);
        assertEquals(4, store().count());
        assertEquals(ids, new HashSet<>(store().ids()));
    }

    @Test
    void idsThatCouldEscapeTheStoreAreRefused() {
        for (String bad : new String[] {"", "../etc/passwd", "a/b", "a\\b", "a b", "a\u0000b", "x".repeat(129), "é"}) {
            assertFalse(SessionStore.isValidId(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> store().load(bad), "load " + bad);
            assertThrows(IllegalArgumentException.class, () -> store().save(bad, new byte[0], inAnHour()),
                    "save " + bad);
            assertThrows(IllegalArgumentException.class, () -> store().delete(bad), "delete " + bad);
            assertThrows(IllegalArgumentException.class, () -> store().exists(bad), "exists " + bad);
            assertThrows(IllegalArgumentException.class, () -> store().lock(bad, SHORT_WAIT), "lock " + bad);
        }
        assertThrows(IllegalArgumentException.class, () -> store().load(null));
    }

    @Test
    void aLockExcludesOtherHoldersUntilReleased() throws Exception {
        String id = newId();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch otherHolds = new CountDownLatch(1);
            AtomicBoolean firstReleased = new AtomicBoolean();
            Future<Boolean> waited;
            try (SessionLock lock = store().lock(id, SHORT_WAIT)) {
                waited = other.submit(() -> {
                    try (SessionLock second = store().lock(id, Duration.ofSeconds(10))) {
                        otherHolds.countDown();
                        return firstReleased.get();
                    }
                });
                assertFalse(otherHolds.await(SHORT_WAIT.toMillis(), TimeUnit.MILLISECONDS),
                        "the other holder waits while the lock is held");
                firstReleased.set(true);
            }
            assertTrue(waited.get(10, TimeUnit.SECONDS), "the other holder got the lock only after the release");
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aLockNotFreedInTimeTimesOut() throws Exception {
        String id = newId();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (SessionLock lock = store().lock(id, SHORT_WAIT)) {
            Future<Long> attempt = other.submit(() -> {
                long start = System.nanoTime();
                assertThrows(SessionLockTimeoutException.class, () -> store().lock(id, SHORT_WAIT));
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            });
            long waitedMillis = attempt.get(10, TimeUnit.SECONDS);
            assertTrue(waitedMillis >= SHORT_WAIT.toMillis() - 20, "waited " + waitedMillis + " ms");
        } finally {
            other.shutdownNow();
        }
        // released: free again at once
        try (SessionLock again = store().lock(id, SHORT_WAIT)) {
            assertNotNull(again);
        }
    }

    @Test
    void locksOfDifferentIdsAreIndependentAndNeedNoData() throws Exception {
        String a = newId();
        String b = newId();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (SessionLock lockA = store().lock(a, SHORT_WAIT)) {
            Future<?> lockB = other.submit(() -> {
                try (SessionLock held = store().lock(b, SHORT_WAIT)) {
                    return null;
                }
            });
            lockB.get(10, TimeUnit.SECONDS);
            assertNull(store().load(a), "locking stores no data");
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void closingALockTwiceIsHarmless() throws Exception {
        String id = newId();
        SessionLock lock = store().lock(id, SHORT_WAIT);
        lock.close();
        lock.close();
        try (SessionLock again = store().lock(id, SHORT_WAIT)) {
            assertNotNull(again);
        }
    }

    @Test
    void largeDataRoundTrips() throws Exception {
        String id = newId();
        byte[] data = new byte[256 * 1024];
        new java.util.Random(7).nextBytes(data);
        store().save(id, data, inAnHour());
        assertArrayEquals(data, store().load(id).data());
    }

    @Test
    void manyThreadsSaveAndLoadTheirOwnSessions() throws Exception {
        int threads = 8;
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String id = newId();
                done.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        byte[] data = bytes(id + ":" + r);
                        try (SessionLock lock = store().lock(id, Duration.ofSeconds(10))) {
                            store().save(id, data, inAnHour());
                            assertArrayEquals(data, store().load(id).data());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(threads, store().count());
        } finally {
            pool.shutdownNow();
        }
    }
}
