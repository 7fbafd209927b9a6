package org.cerise.session.memcached.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The memcached store's settings, read once at activation from the configuration
 * {@value MemcachedSessionStore#PID}. Values may be strings (a FileInstall {@code .cfg}),
 * numbers or string arrays (a typed configuration); a value that is not of the key's form fails
 * the activation with a message naming the key, which DS's conversion to the annotation type
 * would not do (it silently falls back to the default).
 *
 * @param servers        the servers, each {@code host:port}; a session lives on one of them
 * @param prefix         the prefix of every key the store writes
 * @param connectTimeout milliseconds to wait for a connection
 * @param timeout        milliseconds to wait for a reply
 * @param poolSize       most connections open at once, per server
 * @param poolWait       milliseconds to wait for a free connection when all are in use
 * @param lockLifetime   milliseconds after which a lock that was never released expires
 * @param lockPoll       longest pause, in milliseconds, between two tries for a held lock
 * @param retryInterval  milliseconds during which a server that could not be reached is not
 *                       tried again (its operations fail at once); 0 tries every time
 */
record MemcachedSettings(List<Server> servers, String prefix, int connectTimeout, int timeout, int poolSize,
        int poolWait, int lockLifetime, int lockPoll, int retryInterval) {

    static final String SERVERS = "servers";
    static final String PREFIX = "prefix";
    static final String CONNECT_TIMEOUT = "connect.timeout";
    static final String TIMEOUT = "timeout";
    static final String POOL_SIZE = "pool.size";
    static final String POOL_WAIT = "pool.wait";
    static final String LOCK_LIFETIME = "lock.lifetime";
    static final String LOCK_POLL = "lock.poll";
    static final String RETRY_INTERVAL = "retry.interval";

    /** CherryPy's {@code MemcachedSession.servers}. */
    static final String DEFAULT_SERVERS = "localhost:11211";
    static final int DEFAULT_PORT = 11211;
    static final String DEFAULT_PREFIX = "cerise.session.";
    static final int DEFAULT_CONNECT_TIMEOUT = 1000;
    static final int DEFAULT_TIMEOUT = 2000;
    static final int DEFAULT_POOL_SIZE = 16;
    static final int DEFAULT_POOL_WAIT = 2000;
    static final int DEFAULT_LOCK_LIFETIME = 60_000;
    static final int DEFAULT_LOCK_POLL = 20;
    static final int DEFAULT_RETRY_INTERVAL = 1000;

    /**
     * memcached keys are at most 250 bytes: the longest key is the prefix, a 128-character id
     * and {@link MemcachedSessionStore#LOCK_SUFFIX}.
     */
    static final int MAX_PREFIX = 250 - 128 - MemcachedSessionStore.LOCK_SUFFIX.length();

    /** memcached's longest relative TTL; a longer one is read as a Unix time. */
    static final int THIRTY_DAYS = 30 * 24 * 3600;

    /**
     * One memcached server.
     *
     * @param host its host name or address
     * @param port its port
     */
    record Server(String host, int port) {
        /** @return {@code host:port} ({@code [v6]:port}), for messages and hashing */
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** The default settings: a server on localhost:11211, keys prefixed {@code cerise.session.}. */
    static MemcachedSettings defaults() {
        return from(Map.of());
    }

    /**
     * @param properties the component's properties (configuration and DS's own)
     * @return the settings
     * @throws IllegalArgumentException naming the key whose value is not acceptable
     */
    static MemcachedSettings from(Map<String, ?> properties) {
        List<Server> servers = servers(properties.get(SERVERS));
        String prefix = text(properties, PREFIX, DEFAULT_PREFIX);
        if (prefix.isEmpty() || prefix.length() > MAX_PREFIX || !prefix.chars().allMatch(c -> c > ' ' && c < 127)) {
            // empty, count and ids would take every id-like key of the server for a session
            throw bad(PREFIX, properties.get(PREFIX), "1 to " + MAX_PREFIX
                    + " printable ASCII characters without spaces (memcached keys are at most 250 bytes)");
        }
        int lockLifetime = number(properties, LOCK_LIFETIME, DEFAULT_LOCK_LIFETIME, 1, Integer.MAX_VALUE);
        return new MemcachedSettings(servers, prefix,
                number(properties, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, 1, Integer.MAX_VALUE),
                number(properties, TIMEOUT, DEFAULT_TIMEOUT, 1, Integer.MAX_VALUE),
                number(properties, POOL_SIZE, DEFAULT_POOL_SIZE, 1, 10_000),
                number(properties, POOL_WAIT, DEFAULT_POOL_WAIT, 0, Integer.MAX_VALUE),
                lockLifetime,
                number(properties, LOCK_POLL, DEFAULT_LOCK_POLL, 1, 10_000),
                number(properties, RETRY_INTERVAL, DEFAULT_RETRY_INTERVAL, 0, Integer.MAX_VALUE));
    }

    /**
     * @return the lock lifetime as a memcached TTL: whole seconds, rounded up, and one more
     *         since memcached's clock ticks in seconds and may lag by one (a lock must not expire
     *         before its lifetime)
     */
    int lockTtlSeconds() {
        return (int) ((lockLifetime + 999L) / 1000) + 1;
    }

    /** @return a copy with another prefix (tests: one per test on a shared server) */
    MemcachedSettings withPrefix(String otherPrefix) {
        return new MemcachedSettings(servers, otherPrefix, connectTimeout, timeout, poolSize, poolWait, lockLifetime,
                lockPoll, retryInterval);
    }

    @Override
    public String toString() {
        return "memcached " + servers + ", keys " + prefix + "*, connect timeout " + connectTimeout + " ms, timeout "
                + timeout + " ms, pool of " + poolSize + " per server (wait " + poolWait + " ms), locks live "
                + lockLifetime + " ms, an unreachable server retried after " + retryInterval + " ms";
    }

    /** Accepts a list, an array, or comma- or space-separated {@code host:port} in one string. */
    private static List<Server> servers(Object value) {
        List<String> items = new ArrayList<>();
        if (value == null) {
            items.add(DEFAULT_SERVERS);
        } else if (value instanceof String s) {
            items.add(s);
        } else if (value instanceof String[] array) {
            items.addAll(List.of(array));
        } else if (value instanceof Collection<?> collection) {
            for (Object o : collection) {
                if (!(o instanceof String s)) {
                    throw bad(SERVERS, value, "host:port entries");
                }
                items.add(s);
            }
        } else {
            throw bad(SERVERS, value, "host:port entries");
        }
        List<Server> servers = new ArrayList<>();
        for (String item : items) {
            for (String entry : item.split("[,\\s]+")) {
                if (!entry.isEmpty()) {
                    Server server = server(entry, value);
                    if (servers.contains(server)) {
                        throw bad(SERVERS, value, "each server once (" + server + " is given twice)");
                    }
                    servers.add(server);
                }
            }
        }
        if (servers.isEmpty()) {
            throw bad(SERVERS, value, "at least one host:port");
        }
        return List.copyOf(servers);
    }

    /** Parses {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}. */
    private static Server server(String entry, Object value) {
        String host = entry;
        String port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0 || (close + 1 < entry.length() && entry.charAt(close + 1) != ':')) {
                throw bad(SERVERS, value, "host:port entries ('" + entry + "' is not one)");
            }
            host = entry.substring(1, close);
            port = close + 1 < entry.length() ? entry.substring(close + 2) : null;
        } else {
            int colon = entry.indexOf(':');
            if (colon >= 0) {
                if (entry.indexOf(':', colon + 1) >= 0) {
                    throw bad(SERVERS, value, "host:port entries, an IPv6 address in brackets ('" + entry
                            + "' is not one)");
                }
                host = entry.substring(0, colon);
                port = entry.substring(colon + 1);
            }
        }
        if (host.isEmpty()) {
            throw bad(SERVERS, value, "host:port entries ('" + entry + "' has no host)");
        }
        int number = DEFAULT_PORT;
        if (port != null) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 1 || number > 65535) {
                throw bad(SERVERS, value, "host:port entries with a port from 1 to 65535 ('" + entry + "' is not one)");
            }
        }
        return new Server(host, number);
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
        throw bad(key, value, "a text");
    }

    private static int number(Map<String, ?> properties, String key, int fallback, int min, int max) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        long n;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            n = ((Number) value).longValue();
        } else if (value instanceof String s) {
            try {
                n = Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw bad(key, value, "a whole number from " + min + " to " + max);
            }
        } else {
            throw bad(key, value, "a whole number from " + min + " to " + max);
        }
        if (n < min || n > max) {
            throw bad(key, value, "a whole number from " + min + " to " + max);
        }
        return (int) n;
    }

    private static IllegalArgumentException bad(String key, Object value, String expected) {
        String shown = value instanceof String[] array ? String.join(", ", array) : String.valueOf(value);
        return new IllegalArgumentException(MemcachedSessionStore.PID + ": " + key + " = '" + shown
                + "' is not acceptable: expected " + expected);
    }
}
