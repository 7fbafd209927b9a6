package org.cerise.tool.sessions.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionStore;
import org.cerise.api.session.SessionStoreException;
import org.cerise.api.session.StoredSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's default session store (PID {@code org.cerise.session}, key {@code store}),
 * which can be switched to another while the container serves without losing a session.
 *
 * <p>After a switch the new store is <em>active</em>: every save goes there. The stores it
 * replaced are <em>draining</em>: a session not yet in the active store is read from them and
 * moved on the spot (saved in the active store, then deleted from the old one), and a
 * background task moves the rest, one session at a time under its lock. A draining store that
 * holds no session any more is released. While stores drain, a session's lock is taken in the
 * active store and in every draining one, in that order, so that a request that began before
 * the switch (holding the old store's lock) and one that began after it never run together.
 *
 * <p>A switch to a name no installed store has is refused, logged, and changes nothing; it
 * happens when such a store arrives. If the active store goes away, requests that need a
 * session are answered 503 until it (or another store of that name) returns.
 */
final class DefaultStore implements StoreView {

    private static final Logger LOG = LoggerFactory.getLogger("cerise.sessions");
    /** How long the background move waits for a session's lock before it tries the next. */
    private static final Duration MOVE_LOCK_WAIT = Duration.ofSeconds(5);
    /** How long the background move waits after a store failed before it tries again. */
    private static final long RETRY_SECONDS = 2;

    /** What the default store can find among the stores registered. */
    interface Registry {
        /**
         * @param name a store name
         * @return the best store of that name now, or {@code null}
         */
        SessionStore best(String name);

        /**
         * @param store a store used so far
         * @return whether it is still registered
         */
        boolean registered(SessionStore store);
    }

    /** A store and its name. */
    record Named(String name, SessionStore store) {
    }

    /**
     * @param active   where sessions are saved, or {@code null} while the configured store is missing
     * @param draining the stores being emptied into it, most recent first
     */
    record State(Named active, List<Named> draining) {
    }

    private final Registry registry;
    private final ScheduledExecutorService background;
    private final AtomicBoolean moving = new AtomicBoolean();
    private volatile State state = new State(null, List.of());
    private String wanted;

    /**
     * @param registry   the stores registered
     * @param background runs the moves of sessions out of replaced stores
     */
    DefaultStore(Registry registry, ScheduledExecutorService background) {
        this.registry = registry;
        this.background = background;
    }

    /** @return the current state, for the admin console and tests */
    State state() {
        return state;
    }

    /** @return the store the config names */
    synchronized String wanted() {
        return wanted;
    }

    /**
     * Makes the named store the default, moving every session to it.
     *
     * @param name the store's name
     */
    synchronized void configure(String name) {
        wanted = name;
        apply();
    }

    /** Re-reads the registered stores: one may have come (a wanted one) or gone. */
    synchronized void storesChanged() {
        State st = state;
        Named active = st.active();
        if (active != null && !registry.registered(active.store())) {
            LOG.warn("The session store '{}' went away: requests that need a session are answered 503 until a "
                    + "store named '{}' is installed again", active.name(), active.name());
            active = null;
        }
        List<Named> draining = new ArrayList<>();
        for (Named old : st.draining()) {
            if (registry.registered(old.store())) {
                draining.add(old);
            } else {
                LOG.warn("The session store '{}' went away before all its sessions were moved to '{}': the sessions "
                        + "still in it cannot be read", old.name(), wanted);
            }
        }
        state = new State(active, List.copyOf(draining));
        apply();
    }

    private void apply() {
        if (wanted == null) {
            return;
        }
        State st = state;
        SessionStore target = registry.best(wanted);
        Named active = st.active();
        if (target == null) {
            if (active == null || !active.name().equals(wanted)) {
                LOG.warn("Cannot keep sessions in '{}': no session store of that name is installed (a bundle "
                        + "registering a SessionStore with cerise.session.store={}); {}", wanted, wanted,
                        active == null ? "requests that need a session are answered 503"
                                : "sessions stay in '" + active.name() + "'");
            }
            return;
        }
        if (active != null && active.store() == target) {
            return;
        }
        List<Named> draining = new ArrayList<>();
        if (active != null) {
            draining.add(active);
        }
        for (Named old : st.draining()) {
            if (old.store() != target) {
                draining.add(old);
            }
        }
        state = new State(new Named(wanted, target), List.copyOf(draining));
        if (active == null && draining.isEmpty()) {
            LOG.info("Sessions are kept in the store '{}'", wanted);
        } else if (active != null) {
            LOG.info("Sessions now go to the store '{}'; the {} in '{}' are being moved there", wanted,
                    countOrSome(active.store()), active.name());
        }
        startMoving();
    }

    private static String countOrSome(SessionStore store) {
        try {
            return store.count() + " sessions";
        } catch (SessionStoreException e) {
            return "sessions";
        }
    }

    /** The state for a request: the active store must be there. */
    private State serving() throws SessionStoreException {
        State st = state;
        if (st.active() == null) {
            throw new SessionStoreException("no session store named '" + wanted + "' is installed");
        }
        return st;
    }

    @Override
    public String describe() {
        State st = state;
        return st.active() == null ? "'" + wanted + "' (not installed)" : "'" + st.active().name() + "'";
    }

    @Override
    public StoredSession load(String id) throws SessionStoreException {
        State st = serving();
        StoredSession s = st.active().store().load(id);
        if (s != null) {
            return s;
        }
        for (Named old : st.draining()) {
            s = old.store().load(id);
            if (s != null) {
                // moved on access: the session is read from the active store from now on
                st.active().store().save(id, s.data(), s.expires());
                old.store().delete(id);
                return s;
            }
        }
        // a move saves in the active store before it deletes from the old one: a session that
        // left the old store while this looked is in the active one now
        return st.draining().isEmpty() ? null : st.active().store().load(id);
    }

    @Override
    public void save(String id, byte[] data, Instant expires) throws SessionStoreException {
        serving().active().store().save(id, data, expires);
    }

    @Override
    public void delete(String id) throws SessionStoreException {
        State st = serving();
        st.active().store().delete(id);
        for (Named old : st.draining()) {
            old.store().delete(id);
        }
    }

    @Override
    public boolean exists(String id) throws SessionStoreException {
        State st = serving();
        if (st.active().store().exists(id)) {
            return true;
        }
        for (Named old : st.draining()) {
            if (old.store().exists(id)) {
                return true;
            }
        }
        // as in load: a session moved while this looked is in the active store now
        return !st.draining().isEmpty() && st.active().store().exists(id);
    }

    @Override
    public SessionLock lock(String id, Duration timeout) throws SessionStoreException {
        return lockAll(serving(), id, timeout);
    }

    /** The session's lock in the active store, then in every draining one. */
    private static SessionLock lockAll(State st, String id, Duration timeout) throws SessionStoreException {
        SessionLock first = st.active().store().lock(id, timeout);
        if (st.draining().isEmpty()) {
            return first;
        }
        List<SessionLock> held = new ArrayList<>();
        held.add(first);
        try {
            for (Named old : st.draining()) {
                held.add(old.store().lock(id, timeout));
            }
        } catch (SessionStoreException | RuntimeException e) {
            releaseAll(held);
            throw e;
        }
        return () -> releaseAll(held);
    }

    private static void releaseAll(List<SessionLock> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).close();
        }
    }

    @Override
    public int removeExpired() throws SessionStoreException {
        State st = serving();
        int removed = st.active().store().removeExpired();
        for (Named old : st.draining()) {
            removed += old.store().removeExpired();
        }
        return removed;
    }

    private void startMoving() {
        if (!state.draining().isEmpty() && moving.compareAndSet(false, true)) {
            background.execute(this::moveAll);
        }
    }

    /** Moves every session out of the draining stores, oldest store first; retries after failures. */
    private void moveAll() {
        try {
            State st = state;
            while (st.active() != null && !st.draining().isEmpty()) {
                Named from = st.draining().get(st.draining().size() - 1);
                int moved = 0;
                for (String id : from.store().ids()) {
                    if (state != st) {
                        break; // switched again, or a store went: go on with the new state
                    }
                    if (moveOne(st, from, id)) {
                        moved++;
                    }
                }
                if (state == st) {
                    if (from.store().count() > 0) {
                        // sessions held by long requests: they move on access, or on the next pass
                        later(1);
                        return;
                    }
                    release(st, from, moved);
                }
                st = state;
            }
        } catch (SessionStoreException | RuntimeException e) {
            LOG.warn("Moving sessions to '{}' failed, trying again in {} s: {}", wanted, RETRY_SECONDS, e.toString());
            later(RETRY_SECONDS);
            return;
        }
        moving.set(false);
        startMoving(); // a switch may have come just now
    }

    private void later(long seconds) {
        moving.set(false);
        background.schedule(this::startMoving, seconds, TimeUnit.SECONDS);
    }

    /** @return whether a session was copied (it was not in the active store yet) */
    private static boolean moveOne(State st, Named from, String id) throws SessionStoreException {
        SessionLock lock;
        try {
            lock = lockAll(st, id, MOVE_LOCK_WAIT);
        } catch (org.cerise.api.session.SessionLockTimeoutException busy) {
            return false; // a request holds it, and moves it on access; the next pass finds it done
        }
        try {
            boolean copied = false;
            if (!st.active().store().exists(id)) {
                StoredSession s = from.store().load(id);
                if (s != null) {
                    st.active().store().save(id, s.data(), s.expires());
                    copied = true;
                }
            }
            from.store().delete(id);
            return copied;
        } finally {
            lock.close();
        }
    }

    private synchronized void release(State seen, Named from, int moved) {
        if (state != seen) {
            return;
        }
        List<Named> draining = new ArrayList<>(seen.draining());
        draining.remove(from);
        state = new State(seen.active(), List.copyOf(draining));
        LOG.info("All sessions of the store '{}' are in '{}' now ({} moved in the background); '{}' is no longer used",
                from.name(), seen.active().name(), moved, from.name());
    }
}
