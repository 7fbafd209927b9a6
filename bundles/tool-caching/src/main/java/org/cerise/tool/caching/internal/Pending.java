package org.cerise.tool.caching.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The anti-stampede sentinel (CherryPy puts a {@code threading.Event} in the variant's slot):
 * one request is computing the response, the others that want the same variant wait for it.
 * It ends either with the stored response or, when that request stored nothing, released
 * without one.
 */
final class Pending {

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Variant result;
    private volatile boolean released;

    /** @param variant the response now in the cache */
    void complete(Variant variant) {
        result = variant;
        done.countDown();
    }

    /** The computing request ends without storing anything: the waiters compute for themselves. */
    void release() {
        released = true;
        done.countDown();
    }

    /** @return whether it ended, with or without a result */
    boolean isDone() {
        return done.getCount() == 0;
    }

    /** @return whether it ended without a result */
    boolean released() {
        return released && result == null;
    }

    /**
     * @param nanos how long to wait at most
     * @return the stored response, or {@code null} if the wait timed out or ended without one
     */
    Variant await(long nanos) {
        try {
            done.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // give up waiting like a timeout, and leave the interrupt for whoever asked for it
            Thread.currentThread().interrupt();
        }
        return result;
    }
}
