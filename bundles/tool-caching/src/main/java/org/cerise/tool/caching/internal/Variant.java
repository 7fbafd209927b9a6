package org.cerise.tool.caching.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One cached response: what CherryPy stores as {@code (status, headers, body, response.time)}.
 * Immutable; the body array is shared by every hit and never written to.
 */
final class Variant implements Comparable<Variant> {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    final int status;
    final String reason;
    /** Header lines as {@code name, value, name, value, ...}, in the order they were sent. */
    final List<String> headers;
    final byte[] body;
    /** When the request that produced it started, epoch millis (CherryPy's {@code response.time}). */
    final long created;
    final long expires;
    /** Where it is stored, so that expiry can remove exactly this object. */
    final UriCache owner;
    final List<String> key;
    private final long sequence = SEQUENCE.incrementAndGet();

    Variant(int status, String reason, List<String> headers, byte[] body, long created, long expires, UriCache owner,
            List<String> key) {
        this.status = status;
        this.reason = reason;
        this.headers = headers;
        this.body = body;
        this.created = created;
        this.expires = expires;
        this.owner = owner;
        this.key = key;
    }

    /** Ordered by expiry, so that the sweeper only looks at what is due. */
    @Override
    public int compareTo(Variant o) {
        int c = Long.compare(expires, o.expires);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence);
    }
}
