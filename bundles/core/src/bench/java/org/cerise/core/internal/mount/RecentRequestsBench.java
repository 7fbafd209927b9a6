package org.cerise.core.internal.mount;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.cerise.api.runtime.RecentRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * What the pipeline pays per request for the recent-requests list: two clock reads and
 * {@link RecentRequests#record}, next to what it already paid for the counters
 * ({@link RequestCounts#count}), on one thread and on two racing for the ticket counter. Run with
 * {@code src/bench/run.sh}; numbers in {@code src/bench/README.md}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class RecentRequestsBench {

    private final RecentRequests ring = new RecentRequests(100);
    private final LongAdder app = new LongAdder();
    // strings the request already holds when it ends; the ring stores references to them
    private final String name = "tut01";
    private final String method = "GET";
    private final String mount = "/tut01";
    private final String path = "/some/page";
    private final String query = "x=1";
    private final String remote = "127.0.0.1";

    /** What the pipeline adds per request: two clock reads and one record. */
    @Benchmark
    public void record() {
        ring.record(System.nanoTime(), System.nanoTime(), name, method, mount, path, query, 200, remote);
    }

    /** The ring alone, without the clock reads (which also serve the duration). */
    @Benchmark
    public void recordWithoutClocks() {
        ring.record(1_000L, 3_000L, name, method, mount, path, query, 200, remote);
    }

    /** The two clock reads alone. */
    @Benchmark
    public long clocks() {
        return System.nanoTime() - System.nanoTime();
    }

    /** The same as {@link #record()}, two threads at once (the machine has two cores). */
    @Benchmark
    @Threads(2)
    public void recordTwoThreads() {
        record();
    }

    /** For scale: what the counters already cost per request. */
    @Benchmark
    public void countersForScale() {
        RequestCounts.count(app, 200);
    }

    /** A full ring for {@link #snapshot()}. */
    @Setup
    public void fill() {
        for (int i = 0; i < 100; i++) {
            record();
        }
    }

    /** Reading the full list (an admin's page, about once a second): not on the request path. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<RecentRequest> snapshot() {
        return ring.snapshot();
    }
}
