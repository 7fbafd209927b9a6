package org.cerise.session.redis.internal;

import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.cerise.api.session.CeriseSessionStore;
import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionLockTimeoutException;
import org.cerise.api.session.SessionStore;
import org.cerise.api.session.SessionStoreException;
import org.cerise.api.session.StoredSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.Pool;

/**
 * Sessions in a Redis server, shared by every container that uses the same server, database
 * and key prefix. CherryPy 18 has no Redis backend; this one follows its
 * {@code MemcachedSession} (data expired by the server itself) and {@code FileSession} (a lock
 * per session that other processes see).
 *
 * <p>Each session is one key, {@code PREFIX + id}, whose value is a format byte, the expiry
 * (epoch milliseconds, 8 bytes big-endian) and the data; it is written with {@code SET ... PXAT}
 * so that Redis removes it when it expires, and the expiry read back is checked against this
 * container's clock too, so expired data is never returned even when the clocks differ. A lock
 * is the key {@code PREFIX + id + ".lock"}, taken with {@code SET NX PX lock.lifetime} holding a
 * token of its holder, and released by a script that deletes it only while it still holds that
 * token, so a holder whose lock expired never frees someone else's.
 *
 * <p>Connections come from a pool; a connection that fails is dropped, not pooled again. An
 * operation whose connection was found closed (the server restarted, a link was cut) clears the
 * idle connections, which died with it, and is tried once more on a new connection; every other
 * failure throws {@link SessionStoreException} naming the server.
 */
// immediate: a bad setting is reported (and the store unusable) when the configuration arrives,
// not at the first request; the pool opens no connection until it is used
@Component(service = SessionStore.class, configurationPid = RedisSessionStore.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@CeriseSessionStore("redis")
@Designate(ocd = RedisSessionStore.Config.class)
public final class RedisSessionStore implements SessionStore {

    /** The configuration PID. */
    static final String PID = "org.cerise.session.redis";

    private static final Logger LOG = LoggerFactory.getLogger(RedisSessionStore.class);

    /** The first byte of a stored value: the layout below, so that a later layout can be told apart. */
    private static final byte FORMAT = 1;
    /** Format byte and expiry. */
    private static final int HEADER = 9;
    private static final String LOCK_SUFFIX = ".lock";

    /** Deletes the lock only while it holds the releasing holder's token. */
    private static final byte[] RELEASE = ("if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RELEASE_SHA = sha1Hex(RELEASE);
    private static final byte[] SCAN_START = {'0'};
    private static final int SCAN_BATCH = 1000;
    /** The first pause between two tries for a held lock; it doubles up to {@code lock.poll}. */
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** The store's settings, with the keys of its configuration (also its Metatype form). */
    @ObjectClassDefinition(name = "Cerise redis session store",
            description = "Sessions kept in a Redis server (tools.sessions.storage = 'redis')")
    public @interface Config {
        /** @return the server's host */
        @AttributeDefinition(name = "Host", description = "The Redis server's host name or address")
        String host() default RedisSettings.DEFAULT_HOST;

        /** @return the server's port */
        @AttributeDefinition(name = "Port", min = "1", max = "65535")
        int port() default RedisSettings.DEFAULT_PORT;

        /** @return the database */
        @AttributeDefinition(name = "Database", description = "The logical database (SELECT)", min = "0")
        int database() default RedisSettings.DEFAULT_DATABASE;

        /** @return the ACL user */
        @AttributeDefinition(name = "User name", required = false,
                description = "The ACL user (Redis 6 and later); empty: the default user")
        String username() default "";

        /**
         * The password, as the key {@code .password}: DS publishes every other configuration key
         * as a service property, where anyone who lists services would read it. The key
         * {@code password} is accepted too.
         *
         * @return the password
         */
        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
                description = "The password (requirepass, or the user's); empty: none. Kept under the key "
                        + ".password, which is not published as a service property")
        String _password() default "";

        /** @return the key prefix */
        @AttributeDefinition(name = "Key prefix", description = "The prefix of every key the store writes")
        String prefix() default RedisSettings.DEFAULT_PREFIX;

        /** @return the connect timeout */
        @AttributeDefinition(name = "Connect timeout (ms)", min = "1")
        int connect_timeout() default RedisSettings.DEFAULT_CONNECT_TIMEOUT;

        /** @return the read timeout */
        @AttributeDefinition(name = "Timeout (ms)", description = "How long a reply is waited for", min = "1")
        int timeout() default RedisSettings.DEFAULT_TIMEOUT;

        /** @return the pool size */
        @AttributeDefinition(name = "Pool size", description = "Most connections open at once", min = "1")
        int pool_size() default RedisSettings.DEFAULT_POOL_SIZE;

        /** @return the pool wait */
        @AttributeDefinition(name = "Pool wait (ms)",
                description = "How long an operation waits for a connection when all are in use", min = "0")
        int pool_wait() default RedisSettings.DEFAULT_POOL_WAIT;

        /** @return the lock lifetime */
        @AttributeDefinition(name = "Lock lifetime (ms)",
                description = "A lock not released within this time (its holder crashed) expires", min = "1")
        int lock_lifetime() default RedisSettings.DEFAULT_LOCK_LIFETIME;

        /** @return the lock poll */
        @AttributeDefinition(name = "Lock poll (ms)",
                description = "Longest pause between two tries for a lock that another holder has", min = "1")
        int lock_poll() default RedisSettings.DEFAULT_LOCK_POLL;
    }

    private final RedisSettings settings;
    private final String server;
    private final byte[] prefix;
    private final RedisClient redis;
    private final ScanParams scan;
    private final SetParams lockParams;
    private final long lockPollNanos;
    /** Makes lock tokens unique across processes; a counter makes them unique here. */
    private final String tokenBase;
    private final AtomicLong tokens = new AtomicLong();

    /**
     * The component: reads the configuration and prepares the pool (connections are opened when
     * first needed, so the store starts while the server is still down).
     *
     * @param properties the component's properties
     * @throws IllegalArgumentException if a setting is not acceptable (the message names its key)
     */
    @Activate
    public RedisSessionStore(Map<String, Object> properties) {
        this(RedisSettings.from(properties));
        LOG.info("Session store 'redis': {}", settings);
    }

    /** @param settings the settings (tests) */
    RedisSessionStore(RedisSettings settings) {
        this.settings = settings;
        this.server = settings.server();
        this.prefix = settings.prefix().getBytes(StandardCharsets.UTF_8);
        this.scan = new ScanParams().match(globEscape(prefix)).count(SCAN_BATCH);
        this.lockParams = new SetParams().nx().px(settings.lockLifetime());
        this.lockPollNanos = TimeUnit.MILLISECONDS.toNanos(settings.lockPoll());
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.tokenBase = HexFormat.of().formatHex(random) + ":";

        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(settings.connectTimeout())
                .socketTimeoutMillis(settings.timeout())
                .database(settings.database())
                .clientName("cerise-session")
                // CLIENT SETINFO costs round trips on every new connection and tells nothing we need
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (!settings.username().isEmpty()) {
            client.user(settings.username());
        }
        if (!settings.password().isEmpty()) {
            client.password(settings.password());
        }
        GenericObjectPoolConfig<Connection> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(settings.poolSize());
        poolConfig.setMaxIdle(settings.poolSize());
        poolConfig.setMinIdle(0);
        poolConfig.setBlockWhenExhausted(true);
        poolConfig.setMaxWait(Duration.ofMillis(settings.poolWait()));
        // idle connections are checked (PING) in the background, not on every borrow
        poolConfig.setTestWhileIdle(true);
        poolConfig.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        poolConfig.setMinEvictableIdleDuration(Duration.ofMinutes(5));
        // one MBean per pool would collide between stores, and nobody reads it
        poolConfig.setJmxEnabled(false);
        this.redis = RedisClient.builder().hostAndPort(settings.host(), settings.port()).clientConfig(client.build())
                .poolConfig(poolConfig).build();
    }

    /** Closes the pool; operations still under way fail with {@link SessionStoreException}. */
    @Deactivate
    public void close() {
        redis.close();
    }

    @Override
    public StoredSession load(String id) throws SessionStoreException {
        byte[] key = key(SessionStore.checkId(id), "");
        byte[] value = call(id, "loading", (client, retry) -> client.get(key));
        if (value == null || value.length < HEADER || value[0] != FORMAT) {
            return null;
        }
        long expires = ByteBuffer.wrap(value, 1, 8).getLong();
        if (expires <= System.currentTimeMillis()) {
            return null;
        }
        return new StoredSession(Arrays.copyOfRange(value, HEADER, value.length), Instant.ofEpochMilli(expires));
    }

    @Override
    public void save(String id, byte[] data, Instant expires) throws SessionStoreException {
        byte[] key = key(SessionStore.checkId(id), "");
        long at = expires.toEpochMilli();
        if (at <= System.currentTimeMillis()) {
            // Redis would refuse an expiry in the past; what was saved must not be loadable
            call(id, "saving", (client, retry) -> client.del(key));
            return;
        }
        byte[] value = ByteBuffer.allocate(HEADER + data.length).put(FORMAT).putLong(at).put(data).array();
        SetParams params = new SetParams().pxAt(at);
        call(id, "saving", (client, retry) -> client.set(key, value, params));
    }

    @Override
    public void delete(String id) throws SessionStoreException {
        byte[] key = key(SessionStore.checkId(id), "");
        call(id, "deleting", (client, retry) -> client.del(key));
    }

    @Override
    public boolean exists(String id) throws SessionStoreException {
        byte[] key = key(SessionStore.checkId(id), "");
        // the header alone: the expiry is checked here as in load, without fetching the data
        byte[] head = call(id, "checking", (client, retry) -> client.getrange(key, 0, HEADER - 1));
        return head != null && head.length == HEADER && head[0] == FORMAT
                && ByteBuffer.wrap(head, 1, 8).getLong() > System.currentTimeMillis();
    }

    @Override
    public SessionLock lock(String id, Duration timeout) throws SessionStoreException {
        byte[] key = key(SessionStore.checkId(id), LOCK_SUFFIX);
        byte[] token = (tokenBase + tokens.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            boolean taken = call(id, "locking", (client, retry) -> {
                if (client.set(key, token, lockParams) != null) {
                    return true;
                }
                // a retried SET finds the lock held: by us, if the first SET landed and only its reply was lost
                return retry && Arrays.equals(token, client.get(key));
            });
            if (taken) {
                return new RedisLock(id, key, token);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SessionLockTimeoutException("the lock of session " + id + " was not free within "
                        + timeout.toMillis() + " ms (redis store at " + server + ")");
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SessionStoreException("interrupted while waiting for the lock of session " + id
                        + " (redis store at " + server + ")", e);
            }
            pause = Math.min(pause * 2, lockPollNanos);
        }
    }

    /** Redis expires sessions by itself: nothing to do. */
    @Override
    public int removeExpired() {
        return 0;
    }

    @Override
    public long count() throws SessionStoreException {
        return scanIds("counting sessions").size();
    }

    @Override
    public Collection<String> ids() throws SessionStoreException {
        return scanIds("listing sessions");
    }

    /** SCAN, never KEYS: the server goes on serving others between batches. */
    private Set<String> scanIds(String what) throws SessionStoreException {
        return call(null, what, (client, retry) -> {
            // a set: SCAN may return a key twice while the server resizes its table
            Set<String> ids = new LinkedHashSet<>();
            byte[] cursor = SCAN_START;
            do {
                ScanResult<byte[]> batch = client.scan(cursor, scan);
                for (byte[] key : batch.getResult()) {
                    String id = idOf(key);
                    if (id != null) {
                        ids.add(id);
                    }
                }
                cursor = batch.getCursorAsBytes();
            } while (!Arrays.equals(cursor, SCAN_START));
            return ids;
        });
    }

    /** @return the settings in use */
    RedisSettings settings() {
        return settings;
    }

    /** @return the connection pool (tests) */
    Pool<Connection> pool() {
        return redis.getPool();
    }

    /** @return how many connections are open now, idle or in use (tests) */
    int openConnections() {
        return pool().getNumActive() + pool().getNumIdle();
    }

    /** @return the key of a session's data (suffix "") or lock */
    private byte[] key(String id, String suffix) {
        // ids and suffixes are ASCII (checked): one byte per char
        byte[] key = new byte[prefix.length + id.length() + suffix.length()];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        int at = prefix.length;
        for (int i = 0; i < id.length(); i++) {
            key[at++] = (byte) id.charAt(i);
        }
        for (int i = 0; i < suffix.length(); i++) {
            key[at++] = (byte) suffix.charAt(i);
        }
        return key;
    }

    /** @return the session id of a data key found by SCAN, or null for a lock or a foreign key */
    private String idOf(byte[] key) {
        int length = key.length - prefix.length;
        if (length < 1 || length > 128 || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
            return null;
        }
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            byte b = key[prefix.length + i];
            if (!(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-')) {
                return null;
            }
            id[i] = (char) b;
        }
        return new String(id);
    }

    /** @return the SCAN pattern of every key that starts with the prefix */
    private static byte[] globEscape(byte[] prefix) {
        ByteBuffer pattern = ByteBuffer.allocate(prefix.length * 2 + 1);
        for (byte b : prefix) {
            if (b == '*' || b == '?' || b == '[' || b == ']' || b == '\\') {
                pattern.put((byte) '\\');
            }
            pattern.put(b);
        }
        pattern.put((byte) '*');
        return Arrays.copyOf(pattern.array(), pattern.position());
    }

    /** One or more commands; {@code retry} tells them that the first try lost its connection. */
    @FunctionalInterface
    private interface Command<T> {
        T run(RedisClient redis, boolean retry);
    }

    /**
     * Runs commands, each on a connection of the pool. A connection that fails is marked broken
     * by Jedis and destroyed, not pooled again. If it was found closed rather than slow, its
     * idle siblings most likely died the same way (the server restarted, the link was cut):
     * they are dropped and the commands are tried once more on a new connection. A timeout is
     * not retried, so that an unreachable server costs one timeout, not two.
     */
    private <T> T call(String id, String what, Command<T> command) throws SessionStoreException {
        for (boolean retry = false;; retry = true) {
            try {
                return command.run(redis, retry);
            } catch (JedisConnectionException e) {
                if (retry || timedOut(e)) {
                    throw failure(id, what, e);
                }
                redis.getPool().clear();
            } catch (JedisException | IllegalStateException e) {
                throw failure(id, what, e);
            }
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private SessionStoreException failure(String id, String what, Exception e) {
        StringBuilder message = new StringBuilder("redis store at ").append(server).append(": ").append(what);
        if (id != null) {
            message.append(" session ").append(id);
        }
        message.append(" failed: ");
        // Jedis wraps the socket's own error ("Connection refused") in its words, as a cause or
        // (connect) a suppressed exception: give each distinct text once
        String last = null;
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 8; t = t.getCause() != null ? t.getCause() : firstSuppressed(t)) {
            String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (text.endsWith(".")) {
                text = text.substring(0, text.length() - 1);
            }
            if (last == null || !last.contains(text)) {
                message.append(last == null ? "" : ": ").append(text);
                last = text;
            }
        }
        return new SessionStoreException(message.toString(), e);
    }

    private static Throwable firstSuppressed(Throwable t) {
        Throwable[] suppressed = t.getSuppressed();
        return suppressed.length == 0 ? null : suppressed[0];
    }

    private static byte[] sha1Hex(byte[] script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(script);
            return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-1", e);
        }
    }

    /** A held lock: released once, by the script, only while it is still this holder's. */
    private final class RedisLock implements SessionLock {
        private final String id;
        private final List<byte[]> keys;
        private final List<byte[]> args;
        private final AtomicBoolean released = new AtomicBoolean();

        RedisLock(String id, byte[] key, byte[] token) {
            this.id = id;
            this.keys = List.of(key);
            this.args = List.of(token);
        }

        @Override
        public void close() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            try {
                Object deleted = call(id, "unlocking", (client, retry) -> {
                    try {
                        return client.evalsha(RELEASE_SHA, keys, args);
                    } catch (JedisNoScriptException e) {
                        // the server's script cache is empty (restarted, SCRIPT FLUSH): EVAL caches it again
                        return client.eval(RELEASE, keys, args);
                    }
                });
                if (!Long.valueOf(1).equals(deleted)) {
                    LOG.warn("The lock of session {} had expired before it was released: it was held longer than "
                            + "lock.lifetime ({} ms) of the redis store at {}", id, settings.lockLifetime(), server);
                }
            } catch (SessionStoreException e) {
                LOG.warn("{}; the lock expires by itself within {} ms", e.getMessage(), settings.lockLifetime());
            }
        }
    }
}
