package org.cerise.session.redis.internal;

import java.util.Map;

/**
 * The redis store's settings, read once at activation from the configuration
 * {@value RedisSessionStore#PID}. Values may be strings (a FileInstall {@code .cfg}) or numbers
 * (a typed configuration); a value that is not of the key's form fails the activation with a
 * message naming the key, which the typed-annotation conversion of DS would not do.
 *
 * @param host           the server's host name or address
 * @param port           the server's port
 * @param database       the logical database (SELECT)
 * @param username       the ACL user, or empty for the default user
 * @param password       the password, or empty for none; never logged nor shown by {@link #toString()}
 * @param prefix         the prefix of every key the store writes
 * @param connectTimeout milliseconds to wait for a connection
 * @param timeout        milliseconds to wait for a reply
 * @param poolSize       most connections open at once
 * @param poolWait       milliseconds to wait for a free connection when all are in use
 * @param lockLifetime   milliseconds after which a lock that was never released expires
 * @param lockPoll       longest pause, in milliseconds, between two tries for a held lock
 */
record RedisSettings(String host, int port, int database, String username, String password, String prefix,
        int connectTimeout, int timeout, int poolSize, int poolWait, int lockLifetime, int lockPoll) {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String DATABASE = "database";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    /** The same as {@link #PASSWORD}, but private to the component: DS does not publish it as a service property. */
    static final String PRIVATE_PASSWORD = ".password";
    static final String PREFIX = "prefix";
    static final String CONNECT_TIMEOUT = "connect.timeout";
    static final String TIMEOUT = "timeout";
    static final String POOL_SIZE = "pool.size";
    static final String POOL_WAIT = "pool.wait";
    static final String LOCK_LIFETIME = "lock.lifetime";
    static final String LOCK_POLL = "lock.poll";

    static final String DEFAULT_HOST = "localhost";
    static final int DEFAULT_PORT = 6379;
    static final int DEFAULT_DATABASE = 0;
    static final String DEFAULT_PREFIX = "cerise:session:";
    static final int DEFAULT_CONNECT_TIMEOUT = 2000;
    static final int DEFAULT_TIMEOUT = 2000;
    static final int DEFAULT_POOL_SIZE = 16;
    static final int DEFAULT_POOL_WAIT = 2000;
    static final int DEFAULT_LOCK_LIFETIME = 60_000;
    static final int DEFAULT_LOCK_POLL = 20;

    /** The default settings: a server on localhost:6379, database 0, no password. */
    static RedisSettings defaults() {
        return from(Map.of());
    }

    /**
     * @param properties the component's properties (configuration and DS's own)
     * @return the settings
     * @throws IllegalArgumentException naming the key whose value is not acceptable
     */
    static RedisSettings from(Map<String, ?> properties) {
        String host = text(properties, HOST, DEFAULT_HOST);
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ')) {
            throw bad(HOST, properties.get(HOST), "a host name or address");
        }
        String password = text(properties, PRIVATE_PASSWORD, "");
        if (password.isEmpty()) {
            password = text(properties, PASSWORD, "");
        }
        String prefix = text(properties, PREFIX, DEFAULT_PREFIX);
        if (prefix.isEmpty()) {
            // with no prefix the store would count and list every key of the database as a session
            throw bad(PREFIX, properties.get(PREFIX), "a non-empty key prefix");
        }
        return new RedisSettings(host,
                number(properties, PORT, DEFAULT_PORT, 1, 65535),
                number(properties, DATABASE, DEFAULT_DATABASE, 0, Integer.MAX_VALUE),
                text(properties, USERNAME, ""),
                password,
                prefix,
                number(properties, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, 1, Integer.MAX_VALUE),
                number(properties, TIMEOUT, DEFAULT_TIMEOUT, 1, Integer.MAX_VALUE),
                number(properties, POOL_SIZE, DEFAULT_POOL_SIZE, 1, 10_000),
                number(properties, POOL_WAIT, DEFAULT_POOL_WAIT, 0, Integer.MAX_VALUE),
                number(properties, LOCK_LIFETIME, DEFAULT_LOCK_LIFETIME, 1, Integer.MAX_VALUE),
                number(properties, LOCK_POLL, DEFAULT_LOCK_POLL, 1, 10_000));
    }

    /** @return {@code host:port}, for messages */
    String server() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** @return the settings as a copy with another prefix (tests) */
    RedisSettings withPrefix(String otherPrefix) {
        return new RedisSettings(host, port, database, username, password, otherPrefix, connectTimeout, timeout,
                poolSize, poolWait, lockLifetime, lockPoll);
    }

    /** Leaves the password out, so that logging the settings cannot leak it. */
    @Override
    public String toString() {
        return "redis " + server() + " database " + database + (username.isEmpty() ? "" : " user " + username)
                + (password.isEmpty() ? "" : " with a password") + ", keys " + prefix + "*, connect timeout "
                + connectTimeout + " ms, timeout " + timeout + " ms, pool of " + poolSize + " (wait " + poolWait
                + " ms), locks live " + lockLifetime + " ms";
    }

    private static String text(Map<String, ?> properties, String key, String fallback) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String s) {
            return s.strip();
        }
        if (value instanceof String[] array && array.length == 1) {
            return array[0].strip();
        }
        throw bad(key, value, "a string");
    }

    private static int number(Map<String, ?> properties, String key, int fallback, int min, int max) {
        Object value = properties.get(key);
        long n;
        if (value == null) {
            return fallback;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            n = ((Number) value).longValue();
        } else if (value instanceof String s && s.strip().matches("[+-]?[0-9]{1,12}")) {
            n = Long.parseLong(s.strip());
        } else {
            n = Long.MIN_VALUE;
        }
        if (n < min || n > max) {
            throw bad(key, value, "a whole number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max));
        }
        return (int) n;
    }

    private static IllegalArgumentException bad(String key, Object value, String expected) {
        String shown = key.endsWith(PASSWORD) ? "(hidden)"
                : value instanceof String[] array ? String.join(",", array) : String.valueOf(value);
        return new IllegalArgumentException(RedisSessionStore.PID + ": '" + key + "' must be " + expected + ", not '"
                + shown + "'");
    }
}
