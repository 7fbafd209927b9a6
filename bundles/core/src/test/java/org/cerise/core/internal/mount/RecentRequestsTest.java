package org.cerise.core.internal.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.cerise.api.runtime.RecentRequest;
import org.junit.jupiter.api.Test;

/**
 * The ring of recent requests: bounded, newest first, wrapping around, and with writers on several
 * threads each entry whole, in ticket order, each thread's requests in the order it made them,
 * and the last {@code capacity} requests once the writers stop.
 */
class RecentRequestsTest {

    private static void write(RecentRequests ring, int n) {
        ring.record(n * 1_000_000L, n * 1_000_000L + 2_500_000, "app", "GET", "/m", "/p" + n, n % 2 == 0 ? "" : "q=" + n, 200 + n, "10.0.0.1");
    }

    private static List<String> paths(List<RecentRequest> list) {
        List<String> out = new ArrayList<>();
        list.forEach(r -> out.add(r.path()));
        return out;
    }

    @Test
    void emptyAtFirst() {
        assertTrue(new RecentRequests(4).snapshot().isEmpty());
    }

    @Test
    void fewerThanTheCapacityNewestFirst() {
        RecentRequests ring = new RecentRequests(4);
        write(ring, 0);
        write(ring, 1);
        assertEquals(List.of("/m/p1", "/m/p0"), paths(ring.snapshot()));
    }

    @Test
    void wrapsAroundKeepingTheLastOnes() {
        RecentRequests ring = new RecentRequests(4);
        for (int i = 0; i < 10; i++) {
            write(ring, i);
        }
        // now: wall clock 1_000_000 ms at the monotonic 20 ms
        List<RecentRequest> list = ring.snapshot(1_000_000, 20_000_000);
        assertEquals(List.of("/m/p9", "/m/p8", "/m/p7", "/m/p6"), paths(list));
        assertEquals(List.of(9L, 8L, 7L, 6L), list.stream().map(RecentRequest::sequence).toList());
        RecentRequest nine = list.get(0);
        assertEquals("app", nine.app());
        assertEquals("GET", nine.method());
        assertEquals("q=9", nine.query());
        assertEquals("", list.get(1).query());
        assertEquals(209, nine.status());
        assertEquals(2.5, nine.millis());
        assertEquals("10.0.0.1", nine.remoteAddress());
        assertEquals(Instant.ofEpochMilli(1_000_000 - 20 + 9), nine.time(), "arrival on the wall clock, 11 ms ago");
    }

    @Test
    void aCapacityOfOneKeepsTheLast() {
        RecentRequests ring = new RecentRequests(1);
        write(ring, 0);
        write(ring, 1);
        assertEquals(List.of("/m/p1"), paths(ring.snapshot()));
    }

    @Test
    void theRootAppsPathAndMillisToTheMicrosecond() {
        RecentRequests ring = new RecentRequests(2);
        ring.record(5_000, 5_000 + 1_234_567, "root", "POST", "", "", "", 303, null);
        RecentRequest r = ring.snapshot().get(0);
        assertEquals("/", r.path());
        assertEquals(1.235, r.millis());
        assertEquals(null, r.remoteAddress());
    }

    @Test
    void longTextIsCutAndControlCharactersAreEscaped() {
        String shown = RecentRequests.shown("/" + "a".repeat(300));
        assertEquals(RecentRequest.MAX_TEXT + 1, shown.length());
        assertTrue(shown.endsWith("a…"), shown);
        assertEquals("/x\\x0aInjected: yes\\x1b[2J\\x7f", RecentRequests.shown("/x\nInjected: yes\u001b[2J\u007f"));
        assertEquals("/<script>alert(1)</script>", RecentRequests.shown("/<script>alert(1)</script>"),
                "markup is the views' to escape, not the model's");
        assertEquals("/caf\u00e9 \u2603", RecentRequests.shown("/caf\u00e9 \u2603"));
        // a surrogate pair across the cut is dropped whole, not split
        String pair = "a".repeat(RecentRequest.MAX_TEXT - 1) + "\uD83C\uDF52" + "tail";
        String cut = RecentRequests.shown(pair);
        assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 2)), cut);
        assertEquals("a".repeat(RecentRequest.MAX_TEXT - 1) + "…", cut);
    }

    /**
     * Four writers race a reader. Every snapshot the reader takes is at most the capacity long,
     * strictly newest first, with whole entries (each entry's fields agree with each other), and
     * each writer's requests in the order it made them. When the writers are done the ring holds
     * exactly the last {@code capacity} tickets.
     */
    @Test
    void concurrentWritersLoseNoOrder() throws Exception {
        int capacity = 64;
        int threads = 4;
        int each = 20_000;
        RecentRequests ring = new RecentRequests(capacity);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> broken = new AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread w = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int n = 0; n < each; n++) {
                    // the fields repeat the thread and the count, so a torn entry would show
                    ring.record(n, n + n * 1_000L, "t" + thread, "GET", "/t" + thread, "/" + n, "n=" + n, 200 + thread,
                            "10.0.0." + thread);
                }
            }, "writer-" + t);
            w.start();
            writers.add(w);
        }
        int[] snapshots = new int[1];
        Thread reader = new Thread(() -> {
            while (writing.get() && broken.get() == null) {
                String problem = check(ring.snapshot(), capacity);
                if (problem != null) {
                    broken.set(problem);
                }
                snapshots[0]++;
            }
        }, "reader");
        reader.start();
        go.countDown();
        for (Thread w : writers) {
            w.join();
        }
        writing.set(false);
        reader.join();
        assertEquals(null, broken.get());
        assertTrue(snapshots[0] > 0);

        List<RecentRequest> last = ring.snapshot();
        assertEquals(null, check(last, capacity));
        assertEquals(capacity, last.size());
        long total = (long) threads * each;
        for (int i = 0; i < capacity; i++) {
            assertEquals(total - 1 - i, last.get(i).sequence(), "the last tickets, newest first");
        }
    }

    /** @return what is wrong with a snapshot, or {@code null} */
    private static String check(List<RecentRequest> list, int capacity) {
        if (list.size() > capacity) {
            return "longer than the capacity: " + list.size();
        }
        Map<String, Integer> lastOfThread = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            RecentRequest r = list.get(i);
            if (i > 0 && list.get(i - 1).sequence() <= r.sequence()) {
                return "not newest first at " + i + ": " + list.get(i - 1).sequence() + " then " + r.sequence();
            }
            String thread = r.app().substring(1);
            int n = Integer.parseInt(r.path().substring(r.path().lastIndexOf('/') + 1));
            if (!r.path().equals("/t" + thread + "/" + n) || !r.query().equals("n=" + n)
                    || r.status() != 200 + Integer.parseInt(thread) || !r.remoteAddress().equals("10.0.0." + thread)
                    || r.millis() != n / 1000.0) {
                return "a torn entry: " + r;
            }
            Integer newer = lastOfThread.put(thread, n);
            if (newer != null && newer <= n) {
                return "thread " + thread + "'s requests out of order: " + newer + " listed before " + n;
            }
        }
        return null;
    }
}
