package org.cerise.session.redis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.cerise.api.session.ExternalServer;
import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionLockTimeoutException;
import org.cerise.api.session.SessionStore;
import org.cerise.api.session.SessionStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import redis.clients.jedis.Jedis;

/**
 * The redis store passes the compliance suite against a real redis-server (one for the class;
 * each store has a key prefix of its own, so each starts empty), and keeps its data, expiry and
 * locks in Redis as its README says.
 */
@SuppressWarnings("try") // locks held by try-with-resources, unreferenced in the body
class RedisSessionStoreTest extends SessionStoreContract {

    private static ExternalServer server;
    private static Jedis redis;

    @BeforeAll
    static void startServer() throws Exception {
        server = RedisServers.start();
        redis = RedisServers.client(server);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (redis != null) {
            redis.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected SessionStore newStore() {
        return new RedisSessionStore(RedisServers.settings(server.port()));
    }

    @Override
    protected void closeStore(SessionStore tested) {
        ((RedisSessionStore) tested).close();
    }

    private RedisSessionStore redisStore() {
        return (RedisSessionStore) store();
    }

    private byte[] key(String id) {
        return (redisStore().settings().prefix() + id).getBytes(StandardCharsets.US_ASCII);
    }

    private static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    @Test
    void aSessionIsOneKeyThatRedisExpiresItself() throws Exception {
        String id = newId();
        Instant expires = inAnHour();
        store().save(id, "data".getBytes(StandardCharsets.UTF_8), expires);
        byte[] key = key(id);
        assertTrue(redis.exists(key), "the key is PREFIX + id");
        Object expiresAt = redis.sendCommand(() -> "PEXPIRETIME".getBytes(StandardCharsets.US_ASCII), key);
        assertEquals(Long.valueOf(expires.toEpochMilli()), expiresAt, "Redis expires the key when the session expires");
        byte[] value = redis.get(key);
        assertEquals(1, value[0], "format byte");
        assertEquals(expires.toEpochMilli(), ByteBuffer.wrap(value, 1, 8).getLong(), "the expiry travels with the data");
        assertEquals("data", new String(value, 9, value.length - 9, StandardCharsets.UTF_8));
    }

    @Test
    void savingAnExpiredSessionRemovesWhatWasThere() throws Exception {
        String id = newId();
        store().save(id, new byte[] {1}, inAnHour());
        store().save(id, new byte[] {2}, Instant.now().minusSeconds(1));
        assertFalse(redis.exists(key(id)));
    }

    @Test
    void dataPastItsExpiryIsNeverReturnedEvenIfRedisStillHasIt() throws Exception {
        // another container whose clock is ahead wrote it, or Redis has not expired it yet
        String id = newId();
        byte[] value = ByteBuffer.allocate(10).put((byte) 1).putLong(System.currentTimeMillis() - 1000)
                .put((byte) 7).array();
        redis.set(key(id), value);
        assertNull(store().load(id));
        assertFalse(store().exists(id));
    }

    @Test
    void aValueTheStoreDidNotWriteLoadsAsNothing() throws Exception {
        String id = newId();
        redis.set(key(id), "not ours".getBytes(StandardCharsets.UTF_8));
        assertNull(store().load(id));
        assertFalse(store().exists(id));
        redis.set(key(id), new byte[0]);
        assertNull(store().load(id));
        assertFalse(store().exists(id));
    }

    @Test
    void removeExpiredLeavesTheWorkToRedis() throws Exception {
        store().save(newId(), new byte[] {1}, inAnHour());
        assertEquals(0, store().removeExpired());
        assertEquals(1, store().count());
    }

    @Test
    void countAndIdsSeeOnlyTheStoresOwnSessions() throws Exception {
        String id = newId();
        store().save(id, new byte[] {1}, inAnHour());
        String prefix = redisStore().settings().prefix();
        try (SessionLock lock = store().lock(newId(), SHORT_WAIT)) {
            redis.set(prefix + "not:an:id", "x");
            redis.set("other:" + prefix + newId(), "x");
            redis.set(prefix.substring(0, prefix.length() - 1) + newId(), "x");
            assertEquals(1, store().count(), "a lock, a key with another form and keys of other prefixes are not sessions");
            assertEquals(List.of(id), List.copyOf(store().ids()));
        } finally {
            redis.del(prefix + "not:an:id");
        }
    }

    @Test
    void aPrefixWithGlobCharactersMatchesOnlyItself() throws Exception {
        RedisSettings base = RedisServers.settings(server.port());
        RedisSessionStore star = new RedisSessionStore(base.withPrefix(base.prefix() + "[a]*?\\:"));
        RedisSessionStore plain = new RedisSessionStore(base.withPrefix(base.prefix() + "a"));
        try {
            String mine = newId();
            star.save(mine, new byte[] {1}, inAnHour());
            plain.save(newId(), new byte[] {2}, inAnHour());
            assertEquals(Set.of(mine), Set.copyOf(star.ids()));
            assertEquals(1, plain.count());
        } finally {
            redis.del(redis.keys(base.prefix() + "*").toArray(String[]::new));
            star.close();
            plain.close();
        }
    }

    @Test
    void manyKeysAreCountedAcrossScanBatches() throws Exception {
        String prefix = redisStore().settings().prefix();
        try (var pipeline = redis.pipelined()) {
            for (int i = 0; i < 2500; i++) {
                pipeline.set(key("bulk" + i), ByteBuffer.allocate(9).put((byte) 1).putLong(Long.MAX_VALUE).array());
            }
        }
        try {
            assertEquals(2500, store().count());
            assertEquals(2500, store().ids().size());
        } finally {
            redis.del(redis.keys(prefix + "bulk*").toArray(String[]::new));
        }
    }

    @Test
    void theLockIsAKeyThatExpiresIfItsHolderNeverReleasesIt() throws Exception {
        String id = newId();
        byte[] lockKey = (redisStore().settings().prefix() + id + ".lock").getBytes(StandardCharsets.US_ASCII);
        try (SessionLock lock = store().lock(id, SHORT_WAIT)) {
            long ttl = redis.pttl(lockKey);
            assertTrue(ttl > 0 && ttl <= RedisSettings.DEFAULT_LOCK_LIFETIME, "the lock expires by itself: " + ttl);
        }
        assertFalse(redis.exists(lockKey), "released: the key is gone");
    }

    @Test
    void aCrashedHoldersLockExpires() throws Exception {
        RedisSettings settings = RedisServers.settings(server.port(), RedisSettings.LOCK_LIFETIME, "300");
        RedisSessionStore crashed = new RedisSessionStore(settings);
        RedisSessionStore survivor = new RedisSessionStore(settings);
        try {
            String id = newId();
            crashed.lock(id, SHORT_WAIT); // never released
            crashed.close();
            long start = System.nanoTime();
            try (SessionLock lock = survivor.lock(id, Duration.ofSeconds(5))) {
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(waited >= 200 && waited < 2000, "got the lock once it expired, after " + waited + " ms");
            }
        } finally {
            survivor.close();
        }
    }

    @Test
    void aLateHolderDoesNotReleaseTheNextHoldersLock() throws Exception {
        RedisSettings settings = RedisServers.settings(server.port(), RedisSettings.LOCK_LIFETIME, "200");
        RedisSessionStore slow = new RedisSessionStore(settings);
        RedisSessionStore next = new RedisSessionStore(settings);
        try {
            String id = newId();
            SessionLock late = slow.lock(id, SHORT_WAIT);
            Thread.sleep(400); // the slow holder's lock expires meanwhile
            try (SessionLock current = next.lock(id, SHORT_WAIT)) {
                late.close();
                assertThrows(SessionLockTimeoutException.class, () -> next.lock(id, Duration.ofMillis(100)),
                        "the current holder still has the lock");
            }
            try (SessionLock again = next.lock(id, SHORT_WAIT)) {
                assertNotNull(again);
            }
        } finally {
            slow.close();
            next.close();
        }
    }

    @Test
    void locksExcludeHoldersOfOtherStoresOnTheSameServer() throws Exception {
        RedisSettings settings = redisStore().settings();
        RedisSessionStore otherContainer = new RedisSessionStore(settings);
        try {
            String id = newId();
            try (SessionLock lock = store().lock(id, SHORT_WAIT)) {
                assertThrows(SessionLockTimeoutException.class, () -> otherContainer.lock(id, SHORT_WAIT));
            }
            try (SessionLock lock = otherContainer.lock(id, SHORT_WAIT)) {
                assertThrows(SessionLockTimeoutException.class, () -> store().lock(id, SHORT_WAIT));
            }
        } finally {
            otherContainer.close();
        }
    }

    @Test
    void aReleaseWorksAfterTheServersScriptCacheIsFlushed() throws Exception {
        String id = newId();
        try (SessionLock lock = store().lock(id, SHORT_WAIT)) {
            redis.scriptFlush();
        }
        try (SessionLock again = store().lock(id, SHORT_WAIT)) {
            assertNotNull(again, "released by EVAL when EVALSHA found no script");
        }
    }

    @Test
    void waitingForALockHoldsNoConnection() throws Exception {
        RedisSessionStore one = new RedisSessionStore(
                RedisServers.settings(server.port(), RedisSettings.POOL_SIZE, "1", RedisSettings.POOL_WAIT, "200"));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            String id = newId();
            String data = newId();
            try (SessionLock lock = one.lock(id, SHORT_WAIT)) {
                CountDownLatch waiting = new CountDownLatch(1);
                Future<?> waiter = other.submit(() -> {
                    waiting.countDown();
                    try (SessionLock second = one.lock(id, Duration.ofSeconds(5))) {
                        return null;
                    }
                });
                waiting.await();
                Thread.sleep(50);
                one.save(data, new byte[] {1}, inAnHour());
                assertNotNull(one.load(data), "the one connection is free while the other thread waits");
                assertTrue(one.openConnections() <= 1);
                lock.close();
                waiter.get(5, TimeUnit.SECONDS);
            }
        } finally {
            other.shutdownNow();
            one.close();
        }
    }

    @Test
    void theDatabaseSettingSelectsTheDatabase() throws Exception {
        RedisSessionStore db3 = new RedisSessionStore(
                RedisServers.settings(server.port(), RedisSettings.DATABASE, "3"));
        try (Jedis three = RedisServers.client(server)) {
            three.select(3);
            String id = newId();
            db3.save(id, new byte[] {1}, inAnHour());
            byte[] key = (db3.settings().prefix() + id).getBytes(StandardCharsets.US_ASCII);
            assertTrue(three.exists(key));
            assertFalse(redis.exists(key), "nothing in database 0");
            db3.delete(id);
            assertEquals(0, db3.count());
        } finally {
            db3.close();
        }
    }

    @Test
    void expiryIsKeptToTheMillisecond() throws Exception {
        String id = newId();
        Instant expires = Instant.ofEpochMilli(inAnHour().toEpochMilli() + 123);
        store().save(id, new byte[0], expires);
        assertEquals(expires, store().load(id).expires());
        assertArrayEquals(new byte[0], store().load(id).data(), "empty data is data");
        assertTrue(store().exists(id));
    }
}
