package org.cerise.tool.caching.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.cerise.api.Request;
import org.slf4j.Logger;

/**
 * The cache of one app (CherryPy's {@code MemoryCache}, which is one per process): URL →
 * {@link UriCache} → variant. Hits read two concurrent maps and take no lock; the
 * anti-stampede wait is per variant; storing locks only the one URL's map bin.
 *
 * <p>Counting differs from CherryPy where CherryPy's counts drift: {@code maxobjects} limits
 * the objects actually held (CherryPy compares it with the number of URLs ever stored, so the
 * cache stops accepting new URLs for good once that many were seen), and the size of an
 * object leaves the total when it is invalidated or replaced, not only when it expires.
 */
final class MemoryCache {

    /** What a lookup found. */
    static final class Lookup {
        /** The cached response to serve, or {@code null}. */
        final Variant hit;
        /** The sentinel this request put in the slot and must resolve, or {@code null}. */
        final Pending own;
        final UriCache owner;
        final List<String> key;

        Lookup(Variant hit, Pending own, UriCache owner, List<String> key) {
            this.hit = hit;
            this.own = own;
            this.owner = owner;
            this.key = key;
        }
    }

    private static final Lookup MISS = new Lookup(null, null, null, null);

    private final ConcurrentHashMap<String, UriCache> store = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Variant> expirations = new ConcurrentSkipListSet<>();
    private final ConcurrentLinkedQueue<Object[]> emptied = new ConcurrentLinkedQueue<>();
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong size = new AtomicLong();
    /** Requests in an anti-stampede wait right now (tests wait for the stampede to gather). */
    private final AtomicInteger waiting = new AtomicInteger();

    /**
     * CherryPy's {@code MemoryCache.get}: the cached variant for the request, waiting for a
     * request that computes it if there is one, or else claiming the slot so that later
     * requests wait for this one. A URL that has never been stored has no slots, so requests
     * for it do not wait for each other (as in CherryPy).
     *
     * @param uri     the request's full URL with query string
     * @param request the request (for the selecting headers)
     * @param s       the scope's settings
     * @param now     epoch millis
     * @param log     the debug log, or {@code null}
     * @return what was found
     */
    Lookup lookup(String uri, Request request, CacheSettings s, long now, Logger log) {
        UriCache uc = store.get(uri);
        if (uc == null) {
            return MISS;
        }
        List<String> key = uc.keyFor(request);
        while (true) {
            Object slot = uc.slots.get(key);
            if (slot instanceof Variant) {
                Variant v = (Variant) slot;
                if (v.expires > now) {
                    return new Lookup(v, null, uc, key);
                }
                // due: the sweeper would have removed it by now
                drop(v);
            } else if (slot instanceof Pending) {
                Pending other = (Pending) slot;
                if (s.antistampedeNanos() < 0) {
                    if (log != null) {
                        log.info("TOOLS.CACHING No timeout");
                    }
                    return new Lookup(null, null, uc, key);
                }
                if (log != null) {
                    log.info("TOOLS.CACHING Waiting up to {} seconds", s.antistampedeNanos() / 1e9);
                }
                waiting.incrementAndGet();
                Variant result;
                try {
                    result = other.await(s.antistampedeNanos());
                } finally {
                    waiting.decrementAndGet();
                }
                if (result != null) {
                    if (log != null) {
                        log.info("TOOLS.CACHING Result!");
                    }
                    return new Lookup(result, null, uc, key);
                }
                if (other.released()) {
                    // the other request stored nothing: compute without making anyone wait for us
                    return new Lookup(null, null, uc, key);
                }
                if (log != null) {
                    log.info("TOOLS.CACHING Timed out");
                }
                Pending mine = new Pending();
                return uc.slots.replace(key, other, mine) ? new Lookup(null, mine, uc, key)
                        : new Lookup(null, null, uc, key);
            } else {
                Pending mine = new Pending();
                if (uc.slots.putIfAbsent(key, mine) == null) {
                    return new Lookup(null, mine, uc, key);
                }
            }
        }
    }

    /**
     * CherryPy's {@code MemoryCache.put}: stores the response if it fits the limits, and hands
     * it to every request waiting for it. The URL's selecting headers are fixed by the first
     * response stored for it.
     *
     * @param uri      the full URL
     * @param request  the request that produced it
     * @param status   its status
     * @param reason   its reason phrase
     * @param headers  its header lines, {@code name, value, ...}
     * @param vary     its {@code Vary} element values
     * @param body     its body
     * @param created  when its request started, epoch millis
     * @param s        the scope's settings
     * @param own      the sentinel the request put in the slot, or {@code null}
     * @return the stored object, or {@code null} if it did not fit
     */
    Variant put(String uri, Request request, int status, String reason, List<String> headers, List<String> vary,
            byte[] body, long created, CacheSettings s, Pending own) {
        Variant[] stored = new Variant[1];
        store.compute(uri, (k, existing) -> {
            UriCache uc = existing != null ? existing : new UriCache(uri, vary);
            List<String> key = uc.keyFor(request);
            Object previous = uc.slots.get(key);
            if (previous instanceof Variant) {
                // replaced (a no-cache or max-age refresh): its room is free again
                drop((Variant) previous);
            }
            if (body.length < s.maxObjectSize() && reserve(body.length, s)) {
                Variant v = new Variant(status, reason, headers, body, created, created + s.delayMillis(), uc, key);
                expirations.add(v);
                Object prior = uc.slots.put(key, v);
                if (prior instanceof Pending && prior != own) {
                    ((Pending) prior).complete(v);
                }
                stored[0] = v;
            }
            // a URL that stored nothing gets no slots, so that nobody waits for it later
            return existing == null && stored[0] == null ? null : uc;
        });
        if (own != null && stored[0] != null) {
            own.complete(stored[0]);
        }
        return stored[0];
    }

    private boolean reserve(long bytes, CacheSettings s) {
        while (true) {
            long n = objects.get();
            if (n >= s.maxObjects()) {
                return false;
            }
            if (objects.compareAndSet(n, n + 1)) {
                break;
            }
        }
        if (size.addAndGet(bytes) >= s.maxSize()) {
            size.addAndGet(-bytes);
            objects.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Removes an object; whoever takes it out of the expiry index gives its room back, once. */
    private void drop(Variant v) {
        if (expirations.remove(v)) {
            objects.decrementAndGet();
            size.addAndGet(-v.body.length);
        }
        v.owner.slots.remove(v.key, v);
    }

    /**
     * CherryPy's {@code MemoryCache.delete}: forgets every variant of the URL, and its selecting
     * headers.
     *
     * @param uri the full URL
     */
    void delete(String uri) {
        UriCache uc = store.remove(uri);
        if (uc != null) {
            for (Object slot : uc.slots.values()) {
                if (slot instanceof Variant) {
                    drop((Variant) slot);
                }
            }
        }
    }

    /**
     * Gives up a sentinel that will not get a result, waking whoever waits for it.
     *
     * @param lookup what the request's lookup returned
     */
    static void release(Lookup lookup) {
        if (lookup.own != null && !lookup.own.isDone()) {
            lookup.owner.slots.remove(lookup.key, lookup.own);
            lookup.own.release();
        }
    }

    /**
     * CherryPy's {@code expire_cache} pass: removes what is due. A URL left without variants
     * keeps its slots (so that requests for it still wait for each other, as in CherryPy) for
     * one more lifetime, then goes, so that URLs nobody asks for again do not pile up.
     *
     * @param now epoch millis
     */
    void sweep(long now) {
        for (Variant v : expirations) {
            if (v.expires > now) {
                break;
            }
            drop(v);
            if (v.owner.slots.isEmpty()) {
                emptied.add(new Object[] {v.owner, now + (v.expires - v.created)});
            }
        }
        for (Object[] e = emptied.peek(); e != null && (Long) e[1] <= now; e = emptied.peek()) {
            emptied.poll();
            UriCache uc = (UriCache) e[0];
            store.computeIfPresent(uc.uri, (k, current) -> current == uc && current.slots.isEmpty() ? null : current);
        }
    }

    /** Wakes every waiting request and forgets everything; the tool is going away. */
    void clear() {
        for (UriCache uc : new ArrayList<>(store.values())) {
            for (Object slot : uc.slots.values()) {
                if (slot instanceof Pending) {
                    ((Pending) slot).release();
                }
            }
        }
        store.clear();
        expirations.clear();
        emptied.clear();
        objects.set(0);
        size.set(0);
    }

    /** @return the number of objects held */
    long objects() {
        return objects.get();
    }

    /** @return the total size of the bodies held, in bytes */
    long size() {
        return size.get();
    }

    /** @return the number of requests waiting for another one to compute their response */
    int waiting() {
        return waiting.get();
    }

    /** @return the number of URLs that have slots */
    int urls() {
        return store.size();
    }
}
