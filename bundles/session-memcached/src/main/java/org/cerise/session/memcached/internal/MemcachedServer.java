package org.cerise.session.memcached.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.cerise.api.session.SessionStoreException;

/**
 * One memcached server of the store: a pool of at most {@code pool.size} connections, and what
 * the store knows of the server's reachability.
 *
 * <p>A call borrows an idle connection (or opens one), runs its exchange and gives the
 * connection back; a connection that failed is closed, never reused, so that a half-read reply
 * cannot be taken for the next command's. A pooled connection found dead (the server restarted,
 * the network dropped it while idle) is replaced and the exchange tried once more on a fresh
 * one. A server that cannot be reached is marked down for {@code retry.interval}: calls then
 * fail at once instead of each waiting for the connect timeout, and the first call after the
 * interval tries again, so the store recovers by itself.
 */
final class MemcachedServer {

    /** An exchange of commands and replies on a borrowed connection. */
    interface Exchange<T> {
        /**
         * @param connection the connection, used by this thread alone
         * @param retried    whether an earlier try on a dead pooled connection may have
         *                   reached the server before it failed (a non-idempotent exchange checks)
         * @return the exchange's result
         * @throws IOException if the connection fails, or the server's reply is not expected
         */
        T on(MemcachedConnection connection, boolean retried) throws IOException;
    }

    /** The server answered, but not as expected (an error, a full cache): the server is reachable. */
    static final class ReplyException extends IOException {
        private static final long serialVersionUID = 1L;

        ReplyException(String message) {
            super(message);
        }
    }

    private final MemcachedSettings.Server address;
    private final String name;
    private final MemcachedSettings settings;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<MemcachedConnection> idle = new ConcurrentLinkedDeque<>();
    /** The rendezvous-hashing seed of this server (see {@link MemcachedSessionStore#serverFor}). */
    private final long seed;
    private volatile long downSince;
    private volatile long downUntil;
    private volatile String downBecause;
    private volatile boolean closed;
    /** Serializes this store's crawls of the server (count, ids: never on a request's path). */
    private final ReentrantLock dump = new ReentrantLock();

    MemcachedServer(MemcachedSettings.Server address, MemcachedSettings settings) {
        this.address = address;
        this.name = address.toString();
        this.settings = settings;
        this.permits = new Semaphore(settings.poolSize());
        this.seed = Hashing.hash(name, 0x9E3779B97F4A7C15L);
    }

    /** @return {@code host:port} */
    String name() {
        return name;
    }

    /** @return the lock that keeps this store's metadumps of the server one at a time */
    ReentrantLock dumpLock() {
        return dump;
    }

    /** @return this server's hashing seed */
    long seed() {
        return seed;
    }

    /**
     * Runs an exchange on a pooled connection.
     *
     * @param <T>      the result's type
     * @param what     what the exchange does, for messages ("load session")
     * @param id       the session it concerns, or {@code null}
     * @param exchange the exchange
     * @return its result
     * @throws SessionStoreException naming this server and what failed, if the server cannot be
     *                               reached, does not answer in time or answers unexpectedly
     */
    <T> T call(String what, String id, Exchange<T> exchange) throws SessionStoreException {
        if (closed) {
            throw new SessionStoreException(prefix(what, id) + "the store is closed");
        }
        if (settings.retryInterval() > 0 && downUntil - System.nanoTime() > 0) {
            throw new SessionStoreException("memcached " + name + " is unreachable (" + downBecause + ", "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSince) + " ms ago; tried again "
                    + settings.retryInterval() + " ms after): cannot " + what + (id == null ? "" : " " + id));
        }
        try {
            if (!permits.tryAcquire(settings.poolWait(), TimeUnit.MILLISECONDS)) {
                throw new SessionStoreException(prefix(what, id) + "all " + settings.poolSize()
                        + " connections busy for " + settings.poolWait() + " ms (pool.size, pool.wait)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionStoreException(prefix(what, id) + "interrupted while waiting for a connection", e);
        }
        try {
            MemcachedConnection connection = idle.pollFirst();
            boolean pooled = connection != null;
            if (connection == null) {
                connection = connect(what, id);
            }
            try {
                return giveBack(connection, exchange.on(connection, false));
            } catch (ReplyException e) {
                connection.close();
                throw new SessionStoreException(prefix(what, id) + e.getMessage(), e);
            } catch (IOException e) {
                connection.close();
                if (!pooled || e instanceof SocketTimeoutException) {
                    throw unreachable(what, id, e, describe(e));
                }
            }
            // the pooled connection was dead; so are its idle siblings, most likely
            drainIdle();
            MemcachedConnection fresh = connect(what, id);
            try {
                return giveBack(fresh, exchange.on(fresh, true));
            } catch (ReplyException e) {
                fresh.close();
                throw new SessionStoreException(prefix(what, id) + e.getMessage(), e);
            } catch (IOException e) {
                fresh.close();
                throw unreachable(what, id, e, describe(e));
            }
        } finally {
            permits.release();
        }
    }

    private <T> T giveBack(MemcachedConnection connection, T result) {
        if (closed) {
            connection.close();
        } else {
            // last in, first out: the connections used most stay warm, the others may idle out
            idle.offerFirst(connection);
        }
        return result;
    }

    private MemcachedConnection connect(String what, String id) throws SessionStoreException {
        try {
            return MemcachedConnection.open(address, settings.connectTimeout(), settings.timeout());
        } catch (SocketTimeoutException e) {
            throw unreachable(what, id, e, "no connection within " + settings.connectTimeout() + " ms (connect.timeout)");
        } catch (IOException e) {
            throw unreachable(what, id, e, describe(e));
        }
    }

    /** Marks the server down and makes the exception that says so. */
    private SessionStoreException unreachable(String what, String id, IOException e, String because) {
        if (settings.retryInterval() > 0) {
            long now = System.nanoTime();
            downBecause = because;
            downSince = now;
            downUntil = now + TimeUnit.MILLISECONDS.toNanos(settings.retryInterval());
        }
        drainIdle();
        return new SessionStoreException(prefix(what, id) + because, e);
    }

    private String describe(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "no reply within " + settings.timeout() + " ms (timeout)";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + address.host();
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof EOFException) {
            return "the connection was closed by the server";
        }
        if (e instanceof SocketException) {
            return "the connection failed (" + e.getMessage() + ")";
        }
        return e.toString();
    }

    private String prefix(String what, String id) {
        return "memcached " + name + ": cannot " + what + (id == null ? "" : " " + id) + ": ";
    }

    private void drainIdle() {
        for (MemcachedConnection c; (c = idle.pollFirst()) != null;) {
            c.close();
        }
    }

    /** @return how many idle connections the pool holds (tests) */
    int idleConnections() {
        return idle.size();
    }

    /** Closes the idle connections; those in use are closed when given back. */
    void close() {
        closed = true;
        drainIdle();
    }
}
