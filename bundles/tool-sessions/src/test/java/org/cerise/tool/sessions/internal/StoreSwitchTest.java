package org.cerise.tool.sessions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;

import org.cerise.api.session.SessionStore;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.session.ram.internal.RamSessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Switching the default store while requests run: every session moves to the new store (on
 * access, and in the background), none is lost, no request fails, the old store is released
 * once empty; a switch to a store that is not installed changes nothing; an active store that
 * goes away answers 503 until it is back.
 */
class StoreSwitchTest {

    private final SessionsBehaviourTest.Shop shop = new SessionsBehaviourTest.Shop();
    private final RamSessionStore first = new RamSessionStore();
    private final RamSessionStore second = new RamSessionStore();
    private final SessionsTool tool = new SessionsTool();
    private final Harness h;

    StoreSwitchTest() {
        tool.bindStore(first, Map.of(SessionStore.NAME, "first", "service.id", 1L));
        tool.defaultStore().configure("first");
        h = Harness.of(shop).dispatcher("tree", new TreeDispatcher()).tool("sessions", tool)
                .config("[/]\ntools.sessions.on = True\n");
    }

    @AfterEach
    void stop() {
        tool.deactivate();
    }

    private String newSession(String value) {
        Harness.Result r = h.get("/app/put?v=" + value);
        assertEquals(200, r.status());
        Matcher m = SessionsBehaviourTest.COOKIE.matcher(r.header("Set-Cookie"));
        assertTrue(m.matches());
        return m.group(1);
    }

    private String read(String id) {
        Harness.Result r = h.get("/app/get", "Cookie: session_id=" + id);
        return r.status() + " " + r.text();
    }

    private void awaitReleased() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!tool.defaultStore().state().draining().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the old store was not emptied: " + tool.defaultStore().state());
            }
            Thread.sleep(10);
        }
    }

    @Test
    void everySessionMovesToTheNewStoreWhileClientsKeepReadingTheirOwn() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(newSession("v" + i));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Integer>> done = new ArrayList<>();
        try {
            for (int c = 0; c < 4; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    int requests = 0;
                    while (running.get() || requests < 50) {
                        int i = (client * 50 + requests) % ids.size();
                        String answer = read(ids.get(i));
                        if (!answer.equals("200 v" + i)) {
                            wrong.add(ids.get(i) + " -> " + answer);
                        }
                        requests++;
                    }
                    return requests;
                }));
            }
            Thread.sleep(50);
            tool.bindStore(second, Map.of(SessionStore.NAME, "second", "service.id", 2L));
            tool.defaultStore().configure("second");
            assertSame(second, tool.defaultStore().state().active().store(), "saves go to the new store at once");
            awaitReleased();
            Thread.sleep(50);
        } finally {
            running.set(false);
            for (Future<Integer> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            clients.shutdownNow();
        }
        assertEquals(List.of(), new ArrayList<>(wrong), "every client read its own value all along");
        assertEquals(0, first.count(), "the old store is empty");
        assertEquals(ids.size(), second.count(), "every session is in the new store");
        for (int i = 0; i < ids.size(); i++) {
            assertEquals("200 v" + i, read(ids.get(i)));
        }
    }

    @Test
    void aSwitchToAStoreThatIsNotInstalledChangesNothingUntilItArrives() throws Exception {
        String id = newSession("stays");
        tool.defaultStore().configure("redis");
        assertSame(first, tool.defaultStore().state().active().store());
        assertEquals("200 stays", read(id));
        // the runtime model says what the config wants and where sessions are
        org.cerise.api.runtime.SessionInfo info = tool.sessions();
        assertEquals("redis", info.configured());
        assertEquals("first", info.active());
        assertEquals(1, info.stores().size());
        assertEquals("first", info.stores().get(0).name());
        assertEquals(1, info.stores().get(0).sessions());
        // the store arrives: the switch the config asked for happens then
        tool.bindStore(second, Map.of(SessionStore.NAME, "redis", "service.id", 3L));
        assertSame(second, tool.defaultStore().state().active().store());
        awaitReleased();
        assertEquals("200 stays", read(id));
        assertTrue(second.exists(id));
    }

    @Test
    void withoutItsStoreSessionsAre503UntilItReturns() {
        String id = newSession("kept");
        tool.unbindStore(first, Map.of(SessionStore.NAME, "first", "service.id", 1L));
        Harness.Result r = h.get("/app/get", "Cookie: session_id=" + id);
        assertEquals(503, r.status());
        assertTrue(r.text().contains("no session store named") || r.text().contains("Sessions are unavailable"),
                r.text());
        tool.bindStore(first, Map.of(SessionStore.NAME, "first", "service.id", 1L));
        assertEquals("200 kept", read(id));
    }

    @Test
    void switchingBackAndForthLosesNothing() throws Exception {
        tool.bindStore(second, Map.of(SessionStore.NAME, "second", "service.id", 2L));
        List<String> ids = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            ids.add(newSession("r" + round));
            tool.defaultStore().configure(round % 2 == 0 ? "second" : "first");
        }
        awaitReleased();
        for (int round = 0; round < 4; round++) {
            assertEquals("200 r" + round, read(ids.get(round)));
        }
        assertFalse(tool.defaultStore().state().active().store() == null);
        assertEquals(4, first.count() + second.count());
    }
}
