package org.cerise.session.memcached.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.cerise.api.session.CeriseSessionStore;
import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionLockTimeoutException;
import org.cerise.api.session.SessionStore;
import org.cerise.api.session.SessionStoreException;
import org.cerise.api.session.StoredSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code MemcachedSession}: sessions in one or more memcached servers (1.6.10 or later),
 * so that several containers can share them.
 *
 * <p>A session is one item, key {@code PREFIX + id}: its value is the session's bytes, its
 * client flags the Unix second it expires, and its memcached TTL a little longer than that, so
 * that memcached drops it by itself and {@link #load} never returns it after its expiry even
 * while memcached still holds it. The lock of a session is the item
 * {@code PREFIX + id + ".lock"}, added atomically with a TTL of {@code lock.lifetime} (a crashed
 * holder's lock expires) and deleted on release only if its CAS value is still the one the
 * holder's add made (a lock that expired and was taken by another holder is left to them).
 * {@link #count} and {@link #ids} list the server's keys with {@code lru_crawler metadump hash}.
 *
 * <p>With several servers a session lives on one, chosen from its id by rendezvous hashing (the
 * same choice in every container; adding a server moves only the sessions it wins). A server
 * that cannot be reached fails the operations on its sessions with a
 * {@link SessionStoreException} naming it; there is no failover to another server, which would
 * split a session's data and lock between two servers.
 *
 * <p>The store speaks memcached's meta text protocol over its own connection pools (see
 * {@link MemcachedServer}); README.md says why no client library.
 */
@Component(service = SessionStore.class, configurationPid = MemcachedSessionStore.PID)
@CeriseSessionStore("memcached")
@Designate(ocd = MemcachedSessionStore.Config.class)
public final class MemcachedSessionStore implements SessionStore {

    /** The configuration PID. */
    static final String PID = "org.cerise.session.memcached";

    /** Appended to a session's key to make its lock's key: ids cannot contain a dot. */
    static final String LOCK_SUFFIX = ".lock";

    /** How many {@code mg} commands {@link #ids} sends before reading their replies. */
    private static final int BATCH = 128;

    private static final Logger LOG = LoggerFactory.getLogger(MemcachedSessionStore.class);

    /** The settings of the memcached store (PID {@code org.cerise.session.memcached}); see README.md. */
    @ObjectClassDefinition(name = "Cerise session store: memcached",
            description = "CherryPy's MemcachedSession: sessions kept in memcached servers (1.6.10 or later)")
    public @interface Config {
        /** @return the servers */
        @AttributeDefinition(name = "Servers", description = "host:port of each memcached server, as a list or "
                + "comma-separated; each session lives on one of them")
        String[] servers() default MemcachedSettings.DEFAULT_SERVERS;

        /** @return the key prefix */
        @AttributeDefinition(name = "Key prefix", description = "prefix of every key the store writes, so that "
                + "several stores can share a server")
        String prefix() default MemcachedSettings.DEFAULT_PREFIX;

        /** @return the connect timeout */
        @AttributeDefinition(name = "Connect timeout (ms)", min = "1")
        int connect_timeout() default MemcachedSettings.DEFAULT_CONNECT_TIMEOUT;

        /** @return the reply timeout */
        @AttributeDefinition(name = "Reply timeout (ms)", min = "1")
        int timeout() default MemcachedSettings.DEFAULT_TIMEOUT;

        /** @return the pool size */
        @AttributeDefinition(name = "Connections per server", min = "1")
        int pool_size() default MemcachedSettings.DEFAULT_POOL_SIZE;

        /** @return the pool wait */
        @AttributeDefinition(name = "Wait for a free connection (ms)", min = "0")
        int pool_wait() default MemcachedSettings.DEFAULT_POOL_WAIT;

        /** @return the lock lifetime */
        @AttributeDefinition(name = "Lock lifetime (ms)", description = "a lock never released (its holder "
                + "crashed) expires after this; memcached counts it in whole seconds", min = "1")
        int lock_lifetime() default MemcachedSettings.DEFAULT_LOCK_LIFETIME;

        /** @return the longest pause between two tries for a held lock */
        @AttributeDefinition(name = "Lock poll (ms)", description = "longest pause between two tries for a "
                + "held lock", min = "1")
        int lock_poll() default MemcachedSettings.DEFAULT_LOCK_POLL;

        /** @return the retry interval */
        @AttributeDefinition(name = "Retry interval (ms)", description = "after a server could not be "
                + "reached, its operations fail at once for this long; 0: try every time", min = "0")
        int retry_interval() default MemcachedSettings.DEFAULT_RETRY_INTERVAL;
    }

    private MemcachedSettings settings;
    private MemcachedServer[] servers;
    private String prefix;
    private String lockTtl;

    /** For DS: the settings come with {@link #activate(Map)}. */
    public MemcachedSessionStore() {
    }

    /**
     * A store opened at once (tests).
     *
     * @param settings the settings
     */
    MemcachedSessionStore(MemcachedSettings settings) {
        open(settings);
    }

    @Activate
    void activate(Map<String, Object> properties) {
        open(MemcachedSettings.from(properties));
        LOG.info("Session store 'memcached': {}", settings);
    }

    private void open(MemcachedSettings opened) {
        this.settings = opened;
        this.prefix = opened.prefix();
        this.lockTtl = String.valueOf(opened.lockTtlSeconds());
        this.servers = opened.servers().stream().map(s -> new MemcachedServer(s, opened))
                .toArray(MemcachedServer[]::new);
    }

    /** Closes the connections. */
    @Deactivate
    void close() {
        for (MemcachedServer server : servers) {
            server.close();
        }
    }

    /** @return the key prefix (tests) */
    String prefix() {
        return prefix;
    }

    /** @return the servers, in the configured order (tests) */
    List<MemcachedServer> servers() {
        return List.of(servers);
    }

    /**
     * Rendezvous hashing: the server with the highest score for the id. Every container with the
     * same server list makes the same choice, whatever the list's order.
     *
     * @param id a session id
     * @return the server that keeps its data and its lock
     */
    MemcachedServer serverFor(String id) {
        MemcachedServer[] all = servers;
        if (all.length == 1) {
            return all[0];
        }
        long h = Hashing.hash(id, 0);
        MemcachedServer best = null;
        long bestScore = 0;
        for (MemcachedServer s : all) {
            long score = Hashing.mix(s.seed() ^ h);
            if (best == null || Long.compareUnsigned(score, bestScore) > 0) {
                best = s;
                bestScore = score;
            }
        }
        return best;
    }

    @Override
    public StoredSession load(String id) throws SessionStoreException {
        String key = prefix + SessionStore.checkId(id);
        StoredSession found = serverFor(id).call("load session", id, (c, retried) -> {
            c.command("mg " + key + " f v");
            c.flush();
            String line = c.readLine();
            if (line.equals("EN")) {
                return null;
            }
            if (!line.startsWith("VA ")) {
                throw unexpected(line);
            }
            int space = line.indexOf(' ', 3);
            int length = parseInt(line, 3, space < 0 ? line.length() : space);
            long expires = flags(line);
            byte[] data = c.readData(length);
            return new StoredSession(data, Instant.ofEpochSecond(expires));
        });
        if (found == null || expired(found.expires().getEpochSecond())) {
            return null;
        }
        return found;
    }

    @Override
    public void save(String id, byte[] data, Instant expires) throws SessionStoreException {
        String key = prefix + SessionStore.checkId(id);
        Objects.requireNonNull(data, "data");
        long now = System.currentTimeMillis();
        // whole seconds, rounded down: a session may end up to a second early, never late
        long expiresSecond = expires.getEpochSecond();
        if (expiresSecond <= Math.floorDiv(now, 1000)) {
            delete(id);
            return;
        }
        // memcached's client flags are 32 bits, enough for Unix seconds until 2106
        String command = "ms " + key + " " + data.length + " T" + ttl(expiresSecond, now) + " F"
                + Math.min(expiresSecond, 0xFFFF_FFFFL);
        serverFor(id).call("save session", id, (c, retried) -> {
            c.command(command);
            // written before save returns: the caller may change its array afterwards
            c.data(data);
            c.flush();
            String line = c.readLine();
            if (!line.equals("HD")) {
                throw unexpected(line);
            }
            return null;
        });
    }

    /**
     * The TTL that makes memcached drop an item after (never before) its expiry: memcached's
     * clock ticks in whole seconds and may lag by one, so a second is added. Beyond 30 days
     * memcached reads the TTL as a Unix time, which this then is.
     *
     * @param expiresSecond the Unix second the session expires, after {@code now}
     * @param now           the current time in milliseconds
     * @return the TTL for {@code ms}'s {@code T} flag
     */
    static long ttl(long expiresSecond, long now) {
        long nowSecond = Math.floorDiv(now, 1000);
        if (expiresSecond - nowSecond < MemcachedSettings.THIRTY_DAYS - 2) {
            return (expiresSecond * 1000 - now + 999) / 1000 + 1;
        }
        long absolute = expiresSecond + 1;
        // past 2038 memcached cannot take the time: no TTL then, the flags still expire it
        return absolute > Integer.MAX_VALUE ? 0 : absolute;
    }

    @Override
    public void delete(String id) throws SessionStoreException {
        String key = prefix + SessionStore.checkId(id);
        serverFor(id).call("delete session", id, (c, retried) -> {
            c.command("md " + key);
            c.flush();
            String line = c.readLine();
            if (!line.equals("HD") && !line.equals("NF")) {
                throw unexpected(line);
            }
            return null;
        });
    }

    @Override
    public boolean exists(String id) throws SessionStoreException {
        String key = prefix + SessionStore.checkId(id);
        return serverFor(id).call("look up session", id, (c, retried) -> {
            c.command("mg " + key + " f");
            c.flush();
            return alive(c.readLine());
        });
    }

    /**
     * @param line the reply to {@code mg KEY f}
     * @return whether it shows an unexpired session
     * @throws IOException if it is not such a reply
     */
    private static boolean alive(String line) throws IOException {
        if (line.equals("EN")) {
            return false;
        }
        if (!line.startsWith("HD")) {
            throw unexpected(line);
        }
        return !expired(flags(line));
    }

    @Override
    public SessionLock lock(String id, Duration timeout) throws SessionStoreException {
        String key = prefix + SessionStore.checkId(id) + LOCK_SUFFIX;
        MemcachedServer server = serverFor(id);
        // who holds it, for whoever looks at the server; the CAS value is what identifies the hold
        byte[] token = (Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@"
                + Thread.currentThread().getName().replace(' ', '_')).getBytes(StandardCharsets.UTF_8);
        String add = "ms " + key + " " + token.length + " T" + lockTtl + " ME c";
        long waitNanos;
        try {
            waitNanos = Math.max(0, timeout.toNanos());
        } catch (ArithmeticException e) {
            waitNanos = Long.MAX_VALUE / 2;
        }
        long deadline = System.nanoTime() + waitNanos;
        long pause = 1;
        while (true) {
            long cas = server.call("lock session", id, (c, retried) -> tryAdd(c, add, token, key, retried));
            if (cas != 0) {
                return new Lock(server, key, id, cas);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SessionLockTimeoutException("the lock of session " + id + " was not free within "
                        + timeout.toMillis() + " ms (memcached " + server.name() + ")");
            }
            // a random part of the pause, so that waiters do not try in step
            long sleep = Math.min(TimeUnit.NANOSECONDS.toMillis(remaining) + 1,
                    pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1));
            try {
                Thread.sleep(Math.max(1, sleep));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SessionStoreException("interrupted while waiting for the lock of session " + id, e);
            }
            pause = Math.min(pause * 2, settings.lockPoll());
        }
    }

    /** @return the CAS value of the lock item this add made, or 0 if the lock is held */
    private static long tryAdd(MemcachedConnection c, String add, byte[] token, String key, boolean retried)
            throws IOException {
        c.command(add);
        c.data(token);
        c.flush();
        String line = c.readLine();
        if (line.startsWith("HD")) {
            long cas = cas(line);
            if (cas == 0) {
                throw new MemcachedServer.ReplyException("the server gives no CAS values (started with -C): "
                        + "the store's locks need them");
            }
            return cas;
        }
        if (!line.startsWith("NS")) {
            throw unexpected(line);
        }
        if (retried) {
            // the first try may have added the lock before its connection failed: ours, then
            c.command("mg " + key + " v c");
            c.flush();
            String got = c.readLine();
            if (got.startsWith("VA ")) {
                int space = got.indexOf(' ', 3);
                byte[] held = c.readData(parseInt(got, 3, space < 0 ? got.length() : space));
                if (Arrays.equals(held, token)) {
                    return cas(got);
                }
            } else if (!got.equals("EN")) {
                throw unexpected(got);
            }
        }
        return 0;
    }

    /** A held lock: releasing deletes the lock item only if it is still the one this lock added. */
    private final class Lock implements SessionLock {
        private final MemcachedServer server;
        private final String key;
        private final String id;
        private final long cas;
        private final long taken = System.nanoTime();
        private final AtomicBoolean released = new AtomicBoolean();

        Lock(MemcachedServer server, String key, String id, long cas) {
            this.server = server;
            this.key = key;
            this.id = id;
            this.cas = cas;
        }

        @Override
        public void close() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            String outcome;
            try {
                outcome = server.call("release the lock of session", id, (c, retried) -> {
                    c.command("md " + key + " C" + cas);
                    c.flush();
                    String line = c.readLine();
                    if (line.equals("NF") && retried) {
                        // the first try deleted it before its connection failed
                        return "HD";
                    }
                    if (!line.equals("HD") && !line.equals("EX") && !line.equals("NF")) {
                        throw unexpected(line);
                    }
                    return line;
                });
            } catch (SessionStoreException e) {
                LOG.warn("{}; the lock expires by itself within {} ms (lock.lifetime)", e.getMessage(),
                        settings.lockLifetime());
                return;
            }
            if (!outcome.equals("HD")) {
                LOG.warn("The lock of session {} was held for {} ms, longer than lock.lifetime ({} ms): it had expired"
                        + (outcome.equals("EX") ? " and was taken by another holder, left to them" : ""), id,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - taken), settings.lockLifetime());
            }
        }
    }

    /** memcached drops expired sessions by itself: nothing to do, as CherryPy's memcached backend. */
    @Override
    public int removeExpired() {
        return 0;
    }

    @Override
    public long count() throws SessionStoreException {
        return live(crawl()).size();
    }

    /**
     * Lists the keys of every server with {@code lru_crawler metadump hash}, keeps those of this
     * store's sessions, then asks each session's own server whether it is unexpired (the dump's
     * expiry is memcached's TTL, which runs a little past the session's).
     *
     * <p>The crawl walks memcached's hash table, not its LRUs ({@code metadump all}): an LRU
     * crawl skips the items that are busy as it passes (being read, or queued to move up the
     * LRU after a read), and missed a quarter to three quarters of 200 sessions read in a loop
     * meanwhile, where the hash-table walk missed none.
     */
    @Override
    public Collection<String> ids() throws SessionStoreException {
        return live(crawl());
    }

    /** @return the ids the servers' crawlers list under this store's prefix, unchecked */
    private Set<String> crawl() throws SessionStoreException {
        Set<String> candidates = new LinkedHashSet<>();
        for (MemcachedServer server : servers) {
            dump(server, candidates);
        }
        return candidates;
    }

    /** @return the candidates whose session is unexpired, asked of the server each lives on */
    private List<String> live(Set<String> candidates) throws SessionStoreException {
        Map<MemcachedServer, List<String>> byServer = new LinkedHashMap<>();
        for (String id : candidates) {
            byServer.computeIfAbsent(serverFor(id), s -> new ArrayList<>()).add(id);
        }
        List<String> ids = new ArrayList<>();
        for (Map.Entry<MemcachedServer, List<String>> e : byServer.entrySet()) {
            List<String> all = e.getValue();
            for (int from = 0; from < all.size(); from += BATCH) {
                List<String> batch = all.subList(from, Math.min(all.size(), from + BATCH));
                ids.addAll(e.getKey().call("list the sessions", null, (c, retried) -> {
                    for (String id : batch) {
                        // u: looking is not using, the session keeps its place in the LRU
                        c.command("mg " + prefix + id + " f u");
                    }
                    c.flush();
                    List<String> live = new ArrayList<>();
                    for (String id : batch) {
                        if (alive(c.readLine())) {
                            live.add(id);
                        }
                    }
                    return live;
                }));
            }
        }
        return ids;
    }

    /** Adds the ids of the sessions whose keys the server's crawler lists. */
    private void dump(MemcachedServer server, Set<String> ids) throws SessionStoreException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeout());
        long pause = 5;
        // one crawl at a time per server from this store: a second would only be told BUSY
        server.dumpLock().lock();
        try {
            while (true) {
                Boolean done = server.call("list the sessions", null, (c, retried) -> {
                    c.command("lru_crawler metadump hash");
                    c.flush();
                    List<String> found = new ArrayList<>();
                    for (String line; !(line = c.readLine()).equals("END");) {
                        if (line.startsWith("key=")) {
                            String id = sessionId(line);
                            if (id != null) {
                                found.add(id);
                            }
                        } else if (line.startsWith("BUSY")) {
                            return false;
                        } else {
                            throw new MemcachedServer.ReplyException("'lru_crawler metadump hash' answered '" + line
                                    + "': listing the sessions needs memcached 1.6.10 or later with its LRU crawler "
                                    + "and dumps allowed");
                        }
                    }
                    ids.addAll(found);
                    return true;
                });
                if (done) {
                    return;
                }
                // another client's crawl (or memcached's own) is running
                if (deadline - System.nanoTime() <= 0) {
                    throw new SessionStoreException("memcached " + server.name() + ": cannot list the sessions: "
                            + "its LRU crawler stayed busy for " + settings.timeout() + " ms (timeout)");
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SessionStoreException("interrupted while listing the sessions of memcached "
                            + server.name(), e);
                }
                pause = Math.min(pause * 2, 100);
            }
        } finally {
            server.dumpLock().unlock();
        }
    }

    /**
     * @param line a metadump line, {@code key=URL-ENCODED-KEY exp=... la=...}
     * @return the session id its key names in this store, or {@code null}
     */
    String sessionId(String line) {
        int end = line.indexOf(' ');
        String key = decode(line.substring(4, end < 0 ? line.length() : end));
        if (key == null || !key.startsWith(prefix)) {
            return null;
        }
        String id = key.substring(prefix.length());
        // a lock key (id + ".lock") or another store's longer prefix is not an id
        return SessionStore.isValidId(id) ? id : null;
    }

    /** memcached escapes a dumped key's bytes as %XX, except letters, digits and {@code -._~}. */
    private static String decode(String escaped) {
        if (escaped.indexOf('%') < 0) {
            return escaped;
        }
        StringBuilder key = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char ch = escaped.charAt(i);
            if (ch == '%') {
                if (i + 2 >= escaped.length()) {
                    return null;
                }
                int hi = Character.digit(escaped.charAt(i + 1), 16);
                int lo = Character.digit(escaped.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                key.append((char) (hi << 4 | lo));
                i += 2;
            } else {
                key.append(ch);
            }
        }
        return key.toString();
    }

    private static boolean expired(long expiresSecond) {
        return expiresSecond * 1000 <= System.currentTimeMillis();
    }

    /** @return the value of the reply's {@code f} flag (the expiry), unsigned */
    private static long flags(String line) throws IOException {
        return token(line, 'f') & 0xFFFF_FFFFL;
    }

    /** @return the value of the reply's {@code c} flag (the CAS value) */
    private static long cas(String line) throws IOException {
        return token(line, 'c');
    }

    /** @return the number after the flag letter in a meta reply line ({@code VA 3 f7 c12}) */
    private static long token(String line, char flag) throws IOException {
        for (int i = line.indexOf(' '); i >= 0 && i + 1 < line.length(); i = line.indexOf(' ', i + 1)) {
            if (line.charAt(i + 1) == flag) {
                int end = line.indexOf(' ', i + 1);
                try {
                    return Long.parseLong(line, i + 2, end < 0 ? line.length() : end, 10);
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw unexpected(line);
    }

    private static int parseInt(String line, int from, int to) throws IOException {
        try {
            return Integer.parseInt(line, from, to, 10);
        } catch (NumberFormatException e) {
            throw unexpected(line);
        }
    }

    private static IOException unexpected(String line) {
        if (line.startsWith("SERVER_ERROR") || line.startsWith("CLIENT_ERROR") || line.startsWith("ERROR")) {
            return new MemcachedServer.ReplyException("the server answered '" + line + "'");
        }
        return new MemcachedServer.ReplyException("unexpected reply '" + line + "'");
    }
}
