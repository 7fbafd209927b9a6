package org.cerise.tool.cpstats.internal;

import java.time.Duration;
import java.time.Instant;

import org.cerise.tool.cpstats.RequestRecord;

/**
 * A request's record while it runs, updated once when it ends. Written by the request's own
 * thread, read by snapshots on any thread: the end fields are published by the volatile
 * {@link #status}, written last.
 */
final class LiveRecord {

    final long startMillis;
    final long startNanos;
    final String requestLine;
    volatile String client;
    long endMillis;
    long processingNanos;
    long bytesRead;
    long bytesWritten;
    boolean chunked;
    volatile String status;

    LiveRecord(long startMillis, long startNanos, String client, String requestLine) {
        this.startMillis = startMillis;
        this.startNanos = startNanos;
        this.client = client;
        this.requestLine = requestLine;
    }

    /** Fills in the end; {@code status} last, so that a reader who sees it sees the rest. */
    void end(long endMillis, long processingNanos, String endClient, long read, long written, boolean streamed,
            String endStatus) {
        this.endMillis = endMillis;
        this.processingNanos = processingNanos;
        this.client = endClient;
        this.bytesRead = read;
        this.bytesWritten = written;
        this.chunked = streamed;
        this.status = endStatus;
    }

    /**
     * @param nowNanos the collector's nano clock now (for the running time of a running request)
     * @return the record as plain data
     */
    RequestRecord toRecord(long nowNanos) {
        String s = status;
        if (s == null) {
            return new RequestRecord(Instant.ofEpochMilli(startMillis), null, Duration.ofNanos(nowNanos - startNanos),
                    client, requestLine, null, null, null, false);
        }
        return new RequestRecord(Instant.ofEpochMilli(startMillis), Instant.ofEpochMilli(endMillis),
                Duration.ofNanos(processingNanos), client, requestLine, s, bytesRead, chunked ? null : bytesWritten,
                chunked);
    }
}
