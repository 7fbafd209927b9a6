package org.cerise.core.internal.mount;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.cerise.api.runtime.RecentRequest;

/**
 * The last requests served, for the runtime model: a fixed ring of immutable entries that the
 * pipeline writes once per request, at its very end, and the admin reads as a snapshot.
 *
 * <p>Writing takes a ticket from one {@link AtomicLong} and publishes one {@link Entry} into the
 * slot {@code ticket % capacity} with a compare-and-set; no lock, no wait for readers or other
 * writers. The entry holds references to strings the request already has (app name, method,
 * mount point, path, raw query string, remote address) and a few numbers: it is the only
 * allocation. Joining, cutting and escaping the path, and turning clock readings into times,
 * happen only when the list is read ({@link #snapshot()}), which is rare (an admin's page).
 *
 * <p>Why this is cheap enough for the request path (budget about 1-1.5 µs per request, see the
 * shared DESIGN.md): the pipeline reads {@code System.nanoTime()} when a request arrives and
 * when it ends (the duration; the wall-clock time is derived when the list is read); recording is
 * one {@code getAndIncrement}, one CAS that nearly always succeeds at once, and one 64-byte object
 * that dies young. The JMH benchmark in {@code src/bench/} measured about 20 ns and 64 bytes for
 * {@link #record}, and 35 ns per clock read, on a loaded 2-core VM (its README). The ticket
 * counter is the one cache line every worker writes (the counters of {@link RequestCounts} avoid
 * that with LongAdders, but an order needs one counter); contended across many cores an atomic
 * add costs tens of ns, still a few percent of the budget.
 *
 * <p>Guarantees: every entry that is listed is whole (entries are immutable and published
 * through the array's volatile semantics); the list is ordered newest first by ticket, i.e. by
 * the order in which requests reached the end of the pipeline; a slot only ever moves forward
 * (the CAS keeps a writer that stalled for a whole lap of the ring from putting an old entry
 * over a newer one); once writers are quiet the list is exactly the last {@code capacity}
 * requests. While writers run, a request whose ticket is taken but whose entry is not yet stored
 * is missing, and the slot shows the entry one lap older until it is.
 */
public final class RecentRequests {

    /** The ring the core's pipeline writes: the last 100 requests. */
    public static final RecentRequests CORE = new RecentRequests(100);

    private final AtomicLong tickets = new AtomicLong();
    private final AtomicReferenceArray<Entry> slots;

    /**
     * @param capacity how many requests to keep
     */
    public RecentRequests(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        slots = new AtomicReferenceArray<>(capacity);
    }

    /** @return how many requests are kept */
    public int capacity() {
        return slots.length();
    }

    /**
     * Records one finished request. Called once per request; stores references, formats nothing.
     *
     * @param startNanos when it arrived ({@link System#nanoTime()})
     * @param endNanos   when it finished ({@link System#nanoTime()})
     * @param app        the app's name
     * @param method     the HTTP method
     * @param scriptName the mount point ({@code ""} for the root)
     * @param pathInfo   the decoded path below the mount point
     * @param query      the raw query string, {@code ""} when none
     * @param status     the status sent
     * @param remote     the client's address, or {@code null}
     */
    public void record(long startNanos, long endNanos, String app, String method, String scriptName, String pathInfo,
            String query, int status, String remote) {
        long ticket = tickets.getAndIncrement();
        Entry entry = new Entry(ticket, startNanos, endNanos - startNanos, app, method, scriptName, pathInfo, query,
                status, remote);
        int i = (int) (ticket % slots.length());
        Entry current = slots.get(i);
        // Nearly always one CAS that succeeds; it fails only when another writer stored into the
        // same slot in between, which takes a whole lap of the ring while this one stalled.
        while ((current == null || current.ticket() < ticket) && !slots.compareAndSet(i, current, entry)) {
            current = slots.get(i);
        }
    }

    /** @return the requests kept, newest first, formatted for the runtime model */
    public List<RecentRequest> snapshot() {
        return snapshot(System.currentTimeMillis(), System.nanoTime());
    }

    /**
     * @param nowMillis the wall clock now
     * @param nowNanos  {@link System#nanoTime()} now, read with {@code nowMillis}
     * @return the requests kept, newest first, their arrival on the wall clock
     */
    List<RecentRequest> snapshot(long nowMillis, long nowNanos) {
        List<Entry> entries = entries();
        List<RecentRequest> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(e.toRecord(nowMillis, nowNanos));
        }
        return Collections.unmodifiableList(out);
    }

    /** @return the raw entries kept, newest (largest ticket) first */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>(slots.length());
        for (int i = 0; i < slots.length(); i++) {
            Entry e = slots.get(i);
            if (e != null) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparingLong(Entry::ticket).reversed());
        return out;
    }

    /**
     * A text from the client as the model shows it: at most {@value RecentRequest#MAX_TEXT}
     * characters (not splitting a surrogate pair) and {@code …} when cut, then control
     * characters as {@code \xhh} so that a path cannot move lines or drive a terminal in the
     * shell's output.
     *
     * @param text the text
     * @return the text to show
     */
    static String shown(String text) {
        if (text == null) {
            return null;
        }
        boolean cut = text.length() > RecentRequest.MAX_TEXT;
        String s = text;
        if (cut) {
            int end = RecentRequest.MAX_TEXT;
            if (Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
            s = s.substring(0, end);
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0);
            if (control && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (control) {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        String out = sb == null ? s : sb.toString();
        return cut ? out + "…" : out;
    }

    /** One request as stored: the references and numbers it had, nothing formatted. */
    record Entry(long ticket, long startNanos, long nanos, String app, String method, String scriptName, String pathInfo,
            String query, int status, String remote) {

        /**
         * The wall-clock arrival is worked out here, from the monotonic clock and the wall clock
         * read together now, rather than read per request (a clock read costs about as much as
         * the rest of the recording): entries are seconds or minutes old, so the two clocks'
         * drift in between is far below the millisecond shown.
         */
        RecentRequest toRecord(long nowMillis, long nowNanos) {
            String path = (scriptName == null ? "" : scriptName) + (pathInfo == null ? "" : pathInfo);
            return new RecentRequest(ticket, Instant.ofEpochMilli(nowMillis - (nowNanos - startNanos) / 1_000_000), app,
                    method,
                    shown(path.isEmpty() ? "/" : path), query == null ? "" : shown(query), status,
                    Math.round(nanos / 1_000.0) / 1_000.0, remote);
        }
    }
}
