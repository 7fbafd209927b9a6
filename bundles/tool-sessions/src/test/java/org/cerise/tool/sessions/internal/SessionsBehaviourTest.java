package org.cerise.tool.sessions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cerise.api.ConfigException;
import org.cerise.api.Expose;
import org.cerise.api.Param;
import org.cerise.api.Session;
import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionStore;
import org.cerise.api.session.SessionStoreException;
import org.cerise.api.session.StoredSession;
import org.cerise.core.internal.config.MissingServiceException;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.session.ram.internal.RamSessionStore;
import org.junit.jupiter.api.Test;

/**
 * The sessions tool through the real pipeline, with the real RAM store. Cookie format and the
 * new-id-when-unused behaviour were observed on CherryPy 18.8 (tutorial 5 on the reference
 * server: {@code Set-Cookie: session_id=<40 hex>; expires=<HTTP date>; Max-Age=3600; Path=/}).
 */
class SessionsBehaviourTest {

    static final Pattern COOKIE = Pattern.compile(
            "session_id=([0-9a-f]{40}); expires=(\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT); Max-Age=3600; Path=/");

    /** A cart, kept in the session as data. */
    public record Cart(List<String> items, int total) {
    }

    /** The same cart after an app update added a field. */
    public record CartV2(List<String> items, int total, String coupon) {
    }

    public static class Shop {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger mostInside = new AtomicInteger();
        volatile CountDownLatch holding;

        @Expose
        public String put(Session session, @Param("v") String v) {
            session.put("v", v);
            return "ok";
        }

        @Expose
        public String get(Session session) {
            return String.valueOf(session.get("v"));
        }

        @Expose
        public String nothing() {
            return "no session used";
        }

        @Expose
        public String regen(Session session) {
            session.regenerate();
            return session.id();
        }

        @Expose
        public String logout(Session session) {
            session.expire();
            return "bye";
        }

        @Expose
        public String putCart(Session session) {
            session.put("cart", new Cart(List.of("pear", "fig"), 7));
            return "ok";
        }

        @Expose
        public String getCart(Session session) {
            Cart cart = session.get("cart", Cart.class);
            return cart.items() + " " + cart.total();
        }

        @Expose
        public String getCartV2(Session session) {
            CartV2 cart = session.get("cart", CartV2.class);
            return cart.items() + " " + cart.total() + " " + cart.coupon();
        }

        @Expose
        public String raw(Session session) {
            return String.valueOf(session.get("cart"));
        }

        /** Counts how many requests of one session are inside at once. */
        @Expose
        public String slow(Session session) throws InterruptedException {
            int now = inside.incrementAndGet();
            mostInside.accumulateAndGet(now, Math::max);
            Thread.sleep(100);
            inside.decrementAndGet();
            return "slow";
        }

        @Expose
        public String hold(Session session) throws InterruptedException {
            holding.await(10, TimeUnit.SECONDS);
            return "held";
        }

        @Expose
        public Stream<String> stream(Session session) {
            return Stream.of("a", "b").peek(chunk -> session.put("streamed", chunk));
        }

        @Expose
        public String explicit(Session session) {
            boolean before = session.locked();
            session.acquireLock();
            return before + " " + session.locked();
        }
    }

    private final Shop shop = new Shop();
    private final RamSessionStore ram = new RamSessionStore();
    private final SessionsTool tool = new SessionsTool();

    SessionsBehaviourTest() {
        tool.bindStore(ram, Map.of(SessionStore.NAME, "ram", "service.id", 1L));
        tool.defaultStore().configure("ram");
    }

    private Harness harness(String extra) {
        return Harness.of(shop).dispatcher("tree", new TreeDispatcher()).tool("sessions", tool)
                .config("[/]\ntools.sessions.on = True\n" + extra);
    }

    private static String id(Harness.Result r) {
        String cookie = r.header("Set-Cookie");
        assertNotNull(cookie, "a session cookie");
        Matcher m = COOKIE.matcher(cookie);
        assertTrue(m.matches(), cookie);
        return m.group(1);
    }

    @Test
    void everyResponseCarriesTheCookieAsCherryPyWritesIt() {
        Harness h = harness("");
        Harness.Result r = h.get("/app/nothing");
        assertEquals(200, r.status());
        Matcher m = COOKIE.matcher(r.header("Set-Cookie"));
        assertTrue(m.matches(), r.header("Set-Cookie"));
        Instant expires = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(m.group(2), Instant::from);
        long inSeconds = Duration.between(Instant.now(), expires).toSeconds();
        assertTrue(inSeconds > 3590 && inSeconds <= 3600, "expires an hour from now: " + m.group(2));
    }

    @Test
    void aValueStoredIsThereOnTheNextRequestOfTheSession() {
        Harness h = harness("");
        String id = id(h.get("/app/put?v=hello"));
        Harness.Result again = h.get("/app/get", "Cookie: session_id=" + id);
        assertEquals("hello", again.text());
        assertEquals(id, id(again), "the same session keeps its id");
        assertEquals("null", h.get("/app/get").text(), "another client has its own session");
    }

    @Test
    void aSessionNeverUsedIsNotStoredSoItsIdIsNotKept() {
        // CherryPy saves only loaded sessions: a session never touched gets a new id each time
        Harness h = harness("");
        String first = id(h.get("/app/nothing"));
        String second = id(h.get("/app/nothing", "Cookie: session_id=" + first));
        assertNotEquals(first, second);
        assertEquals(0, ram.count());
    }

    @Test
    void anUnknownOrMalformedIdIsReplacedNeverAdopted() {
        Harness h = harness("");
        String unknown = "0123456789abcdef0123456789abcdef01234567";
        Harness.Result r = h.get("/app/put?v=x", "Cookie: session_id=" + unknown);
        assertNotEquals(unknown, id(r), "fixation: an id the server did not issue is not adopted");
        assertFalse(ram.exists(unknown));
        Harness.Result escape = h.get("/app/get", "Cookie: session_id=../../etc/passwd");
        assertEquals(200, escape.status());
        assertEquals("null", escape.text());
    }

    @Test
    void regenerateGivesANewIdKeepsTheDataAndDropsTheOldId() {
        Harness h = harness("");
        String old = id(h.get("/app/put?v=kept"));
        Harness.Result r = h.get("/app/regen", "Cookie: session_id=" + old);
        String fresh = id(r);
        assertEquals(fresh, r.text());
        assertNotEquals(old, fresh);
        assertFalse(ram.exists(old), "the old id is gone");
        assertEquals("kept", h.get("/app/get", "Cookie: session_id=" + fresh).text());
    }

    @Test
    void expireDeletesTheDataAndExpiresTheCookie() {
        Harness h = harness("");
        String id = id(h.get("/app/put?v=secret"));
        Harness.Result r = h.get("/app/logout", "Cookie: session_id=" + id);
        String cookie = r.header("Set-Cookie");
        assertTrue(cookie.startsWith("session_id=" + id + "; expires="), cookie);
        assertFalse(cookie.contains("Max-Age"), cookie);
        Instant expires = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(
                cookie.substring(cookie.indexOf("expires=") + 8, cookie.indexOf(" GMT") + 4), Instant::from);
        assertTrue(expires.isBefore(Instant.now().minus(Duration.ofDays(360))), cookie);
        assertFalse(ram.exists(id));
        assertEquals("null", h.get("/app/get", "Cookie: session_id=" + id).text());
    }

    @Test
    void cookieAttributesFollowTheConfig() {
        Harness h = harness("tools.sessions.name = 'sid'\ntools.sessions.timeout = 2\ntools.sessions.path = '/app'\n"
                + "tools.sessions.domain = 'example.org'\ntools.sessions.secure = True\ntools.sessions.httponly = True\n"
                + "tools.sessions.samesite = 'lax'\n");
        String cookie = h.get("/app/nothing").header("Set-Cookie");
        assertTrue(cookie.matches("sid=[0-9a-f]{40}; Domain=example.org; expires=[^;]+ GMT; HttpOnly; Max-Age=120; "
                + "Path=/app; SameSite=Lax; Secure"), cookie);

        String browserSession = harness("tools.sessions.persistent = False\n").get("/app/nothing").header("Set-Cookie");
        assertTrue(browserSession.matches("session_id=[0-9a-f]{40}; Path=/"), browserSession);

        String fromHeader = harness("tools.sessions.path_header = 'X-Script-Name'\n")
                .get("/app/nothing", "X-Script-Name: /mounted").header("Set-Cookie");
        assertTrue(fromHeader.endsWith("; Path=/mounted"), fromHeader);
    }

    @Test
    void valuesAreStoredAsDataAndReadAsTheCallersClass() {
        Harness h = harness("");
        String id = id(h.get("/app/putCart"));
        StoredSession stored = ram.load(id);
        assertEquals("{\"cart\":{\"items\":[\"pear\",\"fig\"],\"total\":7}}",
                new String(stored.data(), StandardCharsets.UTF_8), "plain JSON: no class name in the data");
        assertEquals("[pear, fig] 7", h.get("/app/getCart", "Cookie: session_id=" + id).text());
        assertEquals("{items=[pear, fig], total=7}", h.get("/app/raw", "Cookie: session_id=" + id).text());
        // an updated app whose class has a new field reads the old data: no ClassCastException
        assertEquals("[pear, fig] 7 null", h.get("/app/getCartV2", "Cookie: session_id=" + id).text());
    }

    @Test
    void requestsOfOneSessionRunTheirHandlersOneAtATime() throws Exception {
        Harness h = harness("");
        String id = id(h.get("/app/put?v=x"));
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Harness.Result>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(clients.submit(() -> h.get("/app/slow", "Cookie: session_id=" + id)));
            }
            for (Future<Harness.Result> f : results) {
                assertEquals(200, f.get(10, TimeUnit.SECONDS).status());
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(1, shop.mostInside.get(), "implicit locking serializes a session's handlers");
    }

    @Test
    void explicitLockingLeavesTheLockToTheHandler() {
        Harness h = harness("tools.sessions.locking = 'explicit'\n");
        assertEquals("false true", h.get("/app/explicit").text());
        assertEquals("true true", harness("").get("/app/explicit").text(), "implicit: locked before the handler");
    }

    @Test
    void aLockNotFreedInTimeIs503() throws Exception {
        Harness h = harness("tools.sessions.lock_timeout = 0.2\n");
        String id = id(h.get("/app/put?v=x"));
        shop.holding = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Harness.Result> holder = other.submit(() -> h.get("/app/hold", "Cookie: session_id=" + id));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            Harness.Result busy;
            do {
                busy = h.get("/app/get", "Cookie: session_id=" + id);
            } while (busy.status() == 200 && System.nanoTime() < deadline);
            assertEquals(503, busy.status());
            assertTrue(busy.text().contains("This session is busy with another request"), busy.text());
            shop.holding.countDown();
            assertEquals("held", holder.get(10, TimeUnit.SECONDS).text());
        } finally {
            shop.holding.countDown();
            other.shutdownNow();
        }
        assertEquals("x", h.get("/app/get", "Cookie: session_id=" + id).text(), "free again");
    }

    @Test
    void aStreamedResponseSavesTheSessionAfterItWasSent() {
        Harness h = harness("response.stream = True\n");
        Harness.Result r = h.get("/app/stream");
        assertEquals("ab", r.text());
        assertEquals("b", ram.load(id(r)) == null ? null : new String(ram.load(id(r)).data(), StandardCharsets.UTF_8)
                .replaceAll(".*\"streamed\":\"(\\w)\".*", "$1"));
    }

    /** A store whose server is down. */
    static final class DownStore implements SessionStore {
        @Override
        public StoredSession load(String id) throws SessionStoreException {
            throw new SessionStoreException("cannot reach 127.0.0.1:1 (connection refused)");
        }

        @Override
        public void save(String id, byte[] data, Instant expires) throws SessionStoreException {
            throw new SessionStoreException("cannot reach 127.0.0.1:1 (connection refused)");
        }

        @Override
        public void delete(String id) throws SessionStoreException {
            throw new SessionStoreException("cannot reach 127.0.0.1:1 (connection refused)");
        }

        @Override
        public boolean exists(String id) throws SessionStoreException {
            throw new SessionStoreException("cannot reach 127.0.0.1:1 (connection refused)");
        }

        @Override
        public SessionLock lock(String id, Duration timeout) throws SessionStoreException {
            throw new SessionStoreException("cannot reach 127.0.0.1:1 (connection refused)");
        }

        @Override
        public int removeExpired() throws SessionStoreException {
            throw new SessionStoreException("cannot reach 127.0.0.1:1 (connection refused)");
        }

        @Override
        public long count() throws SessionStoreException {
            throw new SessionStoreException("cannot reach 127.0.0.1:1 (connection refused)");
        }

        @Override
        public Collection<String> ids() throws SessionStoreException {
            throw new SessionStoreException("cannot reach 127.0.0.1:1 (connection refused)");
        }
    }

    @Test
    void anUnreachableStoreAnswers503NamingItAndSessionlessPagesStillWork() {
        Harness h = harness("tools.sessions.storage = 'down'\n[/nothing]\ntools.sessions.on = False\n")
                .service(SessionStore.class, SessionStore.NAME, "down", new DownStore());
        Harness.Result r = h.get("/app/get", "Cookie: session_id=0123456789abcdef0123456789abcdef01234567");
        assertEquals(503, r.status());
        assertTrue(r.text().contains("Sessions are unavailable: the session store &#39;down&#39; cannot be reached.")
                || r.text().contains("Sessions are unavailable: the session store 'down' cannot be reached."), r.text());
        assertEquals("5", r.header("Retry-After"));
        assertEquals(200, h.get("/app/nothing").status());
    }

    @Test
    void anAppNamesItsOwnStoreAndWaitsForIt() {
        RamSessionStore own = new RamSessionStore();
        Harness h = harness("tools.sessions.storage = 'own'\n");
        ConfigException e = assertThrows(ConfigException.class, h::compile);
        assertInstanceOf(MissingServiceException.class, e, "the app waits for its store");
        assertTrue(e.getMessage().contains("key 'tools.sessions.storage': 'own' names no registered service"),
                e.getMessage());
        h.service(SessionStore.class, SessionStore.NAME, "own", own);
        String id = id(h.get("/app/put?v=mine"));
        assertTrue(own.exists(id));
        assertFalse(ram.exists(id), "not in the default store");
    }

    @Test
    void badSettingsAreRefusedAtMountNamingTheKey() {
        assertEquals("Config error in app.conf, line 3, section [/], key 'tools.sessions.locking': 'implict' must be "
                + "'implicit', 'early' or 'explicit' (CherryPy takes any other value as 'explicit', which would leave "
                + "sessions unlocked by a typo)",
                assertThrows(ConfigException.class, harness("tools.sessions.locking = 'implict'\n")::compile)
                        .getMessage());
        assertTrue(assertThrows(ConfigException.class, harness("tools.sessions.samesite = 'None'\n")::compile)
                .getMessage().contains("'None' needs tools.sessions.secure = True"));
        assertTrue(assertThrows(ConfigException.class, harness("tools.sessions.storage_path = '/tmp/s'\n")::compile)
                .getMessage().contains("configures the file store in Cerise, not the tool"));
        assertTrue(assertThrows(ConfigException.class, harness("tools.sessions.timeout = 'long'\n")::compile)
                .getMessage().contains("must be a number of minutes"));
        assertTrue(assertThrows(ConfigException.class, harness("tools.sessions.nmae = 'x'\n")::compile)
                .getMessage().contains("is not an argument of tools.sessions"));
    }

    @Test
    void expiredSessionsAreRemovedByTheCleanUpOfTheStoresInUse() throws Exception {
        Harness h = harness("tools.sessions.timeout = 0.01\ntools.sessions.clean_freq = 1\n");
        String cookie = h.get("/app/put?v=brief").header("Set-Cookie");
        assertTrue(cookie.contains("; Max-Age=1; "), "0.6 s rounds up, never to Max-Age=0: " + cookie);
        String id = cookie.substring("session_id=".length(), cookie.indexOf(';'));
        assertTrue(ram.exists(id));
        Thread.sleep(700); // timeout = 0.6 s
        assertFalse(ram.exists(id), "expired");
        tool.clean(true);
        assertEquals(0, ram.removeExpired(), "the tool's clean-up already removed it");
        assertEquals("null", h.get("/app/get", "Cookie: session_id=" + id).text());
    }

    @Test
    void cleanFreqZeroMeansNoCleanUp() throws Exception {
        Harness h = harness("tools.sessions.timeout = 0.01\ntools.sessions.clean_freq = 0\n");
        h.get("/app/put?v=brief");
        Thread.sleep(700);
        tool.clean(true);
        assertEquals(1, ram.removeExpired(), "left for the store: nobody cleaned it");
    }

    @Test
    void withoutTheToolThereIsNoSession() {
        Harness h = Harness.of(shop).dispatcher("tree", new TreeDispatcher()).tool("sessions", tool);
        Harness.Result r = h.get("/app/get");
        assertEquals(500, r.status());
        assertNull(r.header("Set-Cookie"));
    }

    @Test
    void responseIsTheSessionlessOneWhenTheToolIsOffForAPath() {
        Harness h = harness("[/nothing]\ntools.sessions.on = False\n");
        assertNull(h.get("/app/nothing").header("Set-Cookie"));
        assertNotNull(h.get("/app/get").header("Set-Cookie"));
    }

}
