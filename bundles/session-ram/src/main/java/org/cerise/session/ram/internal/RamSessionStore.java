package org.cerise.session.ram.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.cerise.api.session.CeriseSessionStore;
import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionLockTimeoutException;
import org.cerise.api.session.SessionStore;
import org.cerise.api.session.SessionStoreException;
import org.cerise.api.session.StoredSession;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy's {@code RamSession}: every app's sessions in the container's memory, the default
 * store. Sessions live as long as this component: a restart of the container, or of this
 * bundle, forgets them (switch to another store first to keep them: the sessions tool moves
 * them over).
 *
 * <p>Reads and writes go to a concurrent map without a global lock; each session id has its
 * own lock, created when first asked for and dropped when nobody holds or waits for it.
 */
@Component(service = SessionStore.class)
@CeriseSessionStore("ram")
public final class RamSessionStore implements SessionStore {

    private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, IdLock> locks = new ConcurrentHashMap<>();

    @Override
    public StoredSession load(String id) {
        StoredSession s = sessions.get(SessionStore.checkId(id));
        if (s == null) {
            return null;
        }
        if (expired(s, Instant.now())) {
            sessions.remove(id, s);
            return null;
        }
        return new StoredSession(s.data().clone(), s.expires());
    }

    @Override
    public void save(String id, byte[] data, Instant expires) {
        SessionStore.checkId(id);
        if (expired(expires, Instant.now())) {
            sessions.remove(id);
        } else {
            sessions.put(id, new StoredSession(data.clone(), expires));
        }
    }

    @Override
    public void delete(String id) {
        sessions.remove(SessionStore.checkId(id));
    }

    @Override
    public boolean exists(String id) {
        StoredSession s = sessions.get(SessionStore.checkId(id));
        return s != null && !expired(s, Instant.now());
    }

    @Override
    public SessionLock lock(String id, Duration timeout) throws SessionStoreException {
        SessionStore.checkId(id);
        IdLock lock = locks.compute(id, (k, held) -> {
            IdLock l = held != null ? held : new IdLock();
            l.users++;
            return l;
        });
        boolean acquired = false;
        try {
            acquired = lock.permit.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionStoreException("interrupted while waiting for the lock of session " + id, e);
        } finally {
            if (!acquired) {
                leave(id);
            }
        }
        if (!acquired) {
            throw new SessionLockTimeoutException("the lock of session " + id + " was not free within "
                    + timeout.toMillis() + " ms (ram store)");
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                lock.permit.release();
                leave(id);
            }
        };
    }

    /** One holder or waiter fewer; the lock goes when there are none. */
    private void leave(String id) {
        locks.computeIfPresent(id, (k, l) -> --l.users == 0 ? null : l);
    }

    @Override
    public int removeExpired() {
        Instant now = Instant.now();
        int removed = 0;
        for (Map.Entry<String, StoredSession> e : sessions.entrySet()) {
            if (expired(e.getValue(), now) && sessions.remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public long count() {
        Instant now = Instant.now();
        return sessions.values().stream().filter(s -> !expired(s, now)).count();
    }

    @Override
    public Collection<String> ids() {
        Instant now = Instant.now();
        Collection<String> ids = new ArrayList<>();
        sessions.forEach((id, s) -> {
            if (!expired(s, now)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** @return how many ids have a lock object now (held or waited for) */
    int lockObjects() {
        return locks.size();
    }

    private static boolean expired(StoredSession s, Instant now) {
        return expired(s.expires(), now);
    }

    private static boolean expired(Instant expires, Instant now) {
        return !expires.isAfter(now);
    }

    /** A session's lock: one permit, and how many hold or wait for it (guarded by the map's compute). */
    private static final class IdLock {
        final Semaphore permit = new Semaphore(1);
        int users;
    }
}
