package org.cerise.tool.cpstats.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.cerise.tool.cpstats.AppStatistics;
import org.cerise.tool.cpstats.RequestRecord;
import org.cerise.tool.cpstats.UriSetStatistics;

/**
 * The numbers of one namespace (an app, or the whole container). Requests only add to
 * striped counters and concurrent maps, so recording never makes requests wait for each other;
 * only the rare slow query touches a shared list.
 */
final class Counters {

    final LongAdder totalRequests = new LongAdder();
    final LongAdder currentRequests = new LongAdder();
    final LongAdder totalBytesRead = new LongAdder();
    final LongAdder totalBytesWritten = new LongAdder();
    final LongAdder totalNanos = new LongAdder();
    /** The latest request of each thread, as CherryPy keys its {@code 'Requests'} by thread. */
    final ConcurrentHashMap<Long, LiveRecord> requests = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<RequestRecord> slowQueries = new ConcurrentLinkedDeque<>();
    private final AtomicInteger slowCount = new AtomicInteger();
    private final ConcurrentHashMap<String, UriSet> uriSets = new ConcurrentHashMap<>();

    /** One {@code uriset}'s times. */
    static final class UriSet {
        final LongAdder count = new LongAdder();
        final LongAdder sumNanos = new LongAdder();
        final AtomicLong minNanos = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong maxNanos = new AtomicLong(Long.MIN_VALUE);
    }

    void start(long thread, LiveRecord record) {
        currentRequests.increment();
        totalRequests.increment();
        requests.put(thread, record);
    }

    void stop(LiveRecord record, String uriset, long slowNanos, int slowMax, RequestRecord copy) {
        totalBytesRead.add(record.bytesRead);
        if (!record.chunked) {
            totalBytesWritten.add(record.bytesWritten);
        }
        long p = record.processingNanos;
        totalNanos.add(p);
        currentRequests.decrement();
        if (uriset != null) {
            UriSet u = uriSets.computeIfAbsent(uriset, k -> new UriSet());
            u.count.increment();
            u.sumNanos.add(p);
            u.minNanos.accumulateAndGet(p, Math::min);
            u.maxNanos.accumulateAndGet(p, Math::max);
        }
        if (slowNanos > 0 && p > slowNanos) {
            slowQueries.addLast(copy);
            if (slowCount.incrementAndGet() > slowMax) {
                while (slowCount.get() > slowMax && slowQueries.pollFirst() != null) {
                    slowCount.decrementAndGet();
                }
            }
        }
    }

    AppStatistics snapshot(long startMillis, long nowMillis, long nowNanos) {
        Map<Long, RequestRecord> reqs = new TreeMap<>();
        requests.forEach((thread, r) -> reqs.put(thread, r.toRecord(nowNanos)));
        Map<String, UriSetStatistics> sets = new TreeMap<>();
        uriSets.forEach((name, u) -> {
            long n = u.count.sum();
            if (n > 0) {
                sets.put(name, new UriSetStatistics(n, Duration.ofNanos(u.sumNanos.sum()),
                        Duration.ofNanos(u.minNanos.get()), Duration.ofNanos(u.maxNanos.get())));
            }
        });
        return new AppStatistics(Instant.ofEpochMilli(startMillis), Duration.ofMillis(nowMillis - startMillis),
                totalRequests.sum(), currentRequests.sum(), totalBytesRead.sum(), totalBytesWritten.sum(),
                Duration.ofNanos(totalNanos.sum()), java.util.Collections.unmodifiableMap(reqs),
                List.copyOf(new ArrayList<>(slowQueries)), java.util.Collections.unmodifiableMap(sets));
    }
}
