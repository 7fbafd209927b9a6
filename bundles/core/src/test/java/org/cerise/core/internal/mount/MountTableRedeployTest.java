package org.cerise.core.internal.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The mount table's "coming back" mount points, driven as the {@link Mounter} drives them:
 * publish the next table, then release the requests held for the previous one. A request for
 * an app whose bundle is being replaced waits for the new generation instead of seeing 404; one
 * whose app does not come back in time gets {@code null} (the front servlet answers 503 with
 * Retry-After); after the grace period the mount point is gone (404).
 */
class MountTableRedeployTest {

    private static final long MS = 1_000_000L;
    private final AtomicReference<MountTable> current = new AtomicReference<>(MountTable.EMPTY);
    private final ExecutorService clients = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        clients.shutdownNow();
    }

    private static MountedApp app(String mount, String generation) {
        return new MountedApp(generation, mount, null, null, java.util.Map.of(), t -> t, null, null);
    }

    private void publish(long graceMs, long holdMs, MountedApp... apps) {
        MountTable old = current.get();
        MountTable next = old.next(List.of(apps), List.of(), graceMs * MS, holdMs * MS, System.nanoTime());
        current.set(next);
        old.released(next);
    }

    /** What the front servlet does: find, else hold while the mount point is coming back. */
    private MountedApp serve(String path) throws InterruptedException {
        MountTable table = current.get();
        MountedApp app = table.find(path);
        if (table.anyReturning()) {
            MountTable.Returning back = table.returning(path, app);
            if (back != null) {
                return table.await(path, back, current::get);
            }
        }
        return app;
    }

    @Test
    void aRequestInTheGapIsServedByTheNewGeneration() throws Exception {
        publish(3000, 2000, app("/tut01", "v1"), app("/tut02", "other"));
        publish(3000, 2000, app("/tut02", "other")); // v1 leaves: its bundle is being updated
        assertTrue(current.get().anyReturning());
        assertNull(current.get().find("/tut01/"));
        assertEquals("other", serve("/tut02/").name(), "the other apps are served as ever");

        long t0 = System.nanoTime();
        Future<MountedApp> held = clients.submit(() -> serve("/tut01/x"));
        Thread.sleep(100);
        assertFalse(held.isDone(), "the request waits for the app to come back");
        publish(3000, 2000, app("/tut01", "v2"), app("/tut02", "other"));
        assertEquals("v2", held.get(1, TimeUnit.SECONDS).name());
        long waited = (System.nanoTime() - t0) / MS;
        assertTrue(waited < 1000, "released as soon as v2 was published, waited " + waited + " ms");
        assertFalse(current.get().anyReturning(), "nothing is coming back any more");
    }

    @Test
    void manyHeldRequestsAllGetTheNewGeneration() throws Exception {
        publish(3000, 2000, app("/a", "v1"));
        publish(3000, 2000);
        List<Future<MountedApp>> held = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            held.add(clients.submit(() -> serve("/a/")));
        }
        Thread.sleep(100);
        publish(3000, 2000, app("/a", "v2"));
        for (Future<MountedApp> f : held) {
            assertEquals("v2", f.get(1, TimeUnit.SECONDS).name());
        }
    }

    @Test
    void aRequestWaitsThroughASecondGap() throws Exception {
        // FileInstall updates a bundle, then refreshes it: the app leaves twice
        publish(3000, 2000, app("/a", "v1"));
        publish(3000, 2000);
        Future<MountedApp> held = clients.submit(() -> serve("/a/"));
        Thread.sleep(50);
        MountedApp v2 = app("/a", "v2");
        MountTable old = current.get();
        MountTable back = old.next(List.of(v2), List.of(), 3000 * MS, 2000 * MS, System.nanoTime());
        MountTable goneAgain = back.next(List.of(), List.of(), 3000 * MS, 2000 * MS, System.nanoTime());
        // the held request wakes only after the app left again
        current.set(goneAgain);
        old.released(goneAgain);
        Thread.sleep(50);
        assertFalse(held.isDone(), "still held: the app left again");
        publish(3000, 2000, app("/a", "v3"));
        assertEquals("v3", held.get(1, TimeUnit.SECONDS).name());
    }

    @Test
    void aRequestNotAnsweredWithinTheHoldTimeGetsNothing() throws Exception {
        publish(3000, 300, app("/a", "v1"));
        publish(3000, 300);
        long t0 = System.nanoTime();
        assertNull(serve("/a/"), "503: the app did not come back within the hold time");
        long waited = (System.nanoTime() - t0) / MS;
        assertTrue(waited >= 290 && waited < 1500, "held for the hold time, " + waited + " ms");
        assertNotNull(current.get().returning("/a/", null), "still coming back: the grace period runs on");
    }

    @Test
    void afterTheGracePeriodTheMountPointIsGone() throws Exception {
        publish(400, 2000, app("/a", "v1"), app("/b", "b"));
        publish(400, 2000, app("/b", "b"));
        long t0 = System.nanoTime();
        Future<MountedApp> held = clients.submit(() -> serve("/a/"));
        // the held request never waits past the grace period, even with a longer hold time
        assertNull(held.get(2, TimeUnit.SECONDS));
        long waited = (System.nanoTime() - t0) / MS;
        assertTrue(waited >= 350 && waited < 1500, "held until the grace period ended, " + waited + " ms");
        publish(400, 2000, app("/b", "b")); // what the mounter's timer does at the deadline
        assertFalse(current.get().anyReturning());
        assertNull(serve("/a/"), "404: gone for good");
        assertNull(current.get().returning("/a/", null));
    }

    @Test
    void theGraceTimerReleasesHeldRequestsAtOnce() throws Exception {
        publish(5000, 5000, app("/a", "v1"));
        MountTable old = current.get();
        MountTable gap = old.next(List.of(), List.of(), 5000 * MS, 5000 * MS, System.nanoTime());
        current.set(gap);
        old.released(gap);
        Future<MountedApp> held = clients.submit(() -> serve("/a/"));
        Thread.sleep(100);
        // the deadline passed (simulated by publishing "later")
        MountTable expired = gap.next(List.of(), List.of(), 5000 * MS, 5000 * MS, System.nanoTime() + 6000 * MS);
        current.set(expired);
        List<MountTable.Returning> gone = gap.released(expired);
        assertEquals(1, gone.size());
        assertEquals("/a", gone.get(0).mountPath());
        assertNull(held.get(1, TimeUnit.SECONDS));
    }

    @Test
    void anAppUnmountedOnPurposeIsNotComingBack() throws Exception {
        publish(5000, 5000, app("/a", "v1"), app("/b", "v1"));
        MountTable old = current.get();
        MountTable next = old.next(List.of(app("/b", "v1")), List.of(), java.util.Set.of("/a"), 5000 * MS, 5000 * MS,
                System.nanoTime());
        current.set(next);
        old.released(next);
        assertFalse(current.get().anyReturning(), "an unmounted app is not held for");
        assertNull(current.get().unavailable("/a/"), "nor answered 503");
        assertNull(serve("/a/"), "404 at once");
        assertEquals("/b", serve("/b/").mountPath());
    }

    @Test
    void noGracePeriodMeansNoHolding() throws Exception {
        publish(0, 2000, app("/a", "v1"));
        publish(0, 2000);
        assertFalse(current.get().anyReturning());
        assertNull(serve("/a/"));
    }

    @Test
    void aVanishedMountUnderAMountedRootIsStillHeld() throws Exception {
        MountedApp root = app("", "root");
        publish(3000, 2000, root, app("/shop", "v1"));
        publish(3000, 2000, root);
        MountTable table = current.get();
        assertSame(root, table.find("/shop/cart"));
        assertNotNull(table.returning("/shop/cart", root), "/shop's, not the root's");
        assertNull(table.returning("/other", root));
        assertNull(table.returning("/shopping", root));
        Future<MountedApp> held = clients.submit(() -> serve("/shop/cart"));
        Thread.sleep(50);
        publish(3000, 2000, root, app("/shop", "v2"));
        assertEquals("v2", held.get(1, TimeUnit.SECONDS).name());
        assertSame(root, serve("/other"));
    }

    @Test
    void aMountPointThatStaysMountedIsNeverHeld() {
        publish(3000, 2000, app("/a", "v1"));
        publish(3000, 2000, app("/a", "v2")); // a re-mount: the new generation replaces the old at once
        assertFalse(current.get().anyReturning());
        assertEquals("v2", current.get().find("/a/").name());
    }
}
