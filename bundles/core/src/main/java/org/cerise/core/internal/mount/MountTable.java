package org.cerise.core.internal.mount;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The mounted apps, longest mount point first; immutable, replaced as a whole when apps come
 * and go so that a request reads it without locking.
 *
 * <p>Besides the apps in service, the table knows the mount points that are <em>coming
 * back</em>: an app that was mounted and is not any more (its bundle is being updated,
 * refreshed, restarted, or replaced by uninstall + install) keeps its mount point for a grace
 * period. A request for it is held (bounded) until the app's next generation is published, and
 * then served by it; a request whose wait runs out answers 503 with {@code Retry-After}. After
 * the grace period without a return, the mount point is gone (404). While nothing is coming
 * back, a request pays one array-length read for this.
 */
public final class MountTable {

    /** The table with no app. */
    public static final MountTable EMPTY = new MountTable(List.of(), List.of());

    private final MountedApp[] apps;
    private final String[] unavailable;
    private final Returning[] returning;
    private final long holdNanos;

    /**
     * @param apps        the mounted apps, one per mount point
     * @param unavailable mount points of apps that are registered but not in service (waiting
     *                    for a tool or dispatcher, or wrongly configured)
     */
    public MountTable(List<MountedApp> apps, List<String> unavailable) {
        this(apps, unavailable, List.of(), 0);
    }

    private MountTable(List<MountedApp> apps, List<String> unavailable, List<Returning> returning, long holdNanos) {
        List<MountedApp> sorted = new ArrayList<>(apps);
        sorted.sort(Comparator.comparingInt((MountedApp a) -> a.mountPath().length()).reversed());
        this.apps = sorted.toArray(new MountedApp[0]);
        List<String> waiting = new ArrayList<>(unavailable);
        waiting.sort(Comparator.comparingInt(String::length).reversed());
        this.unavailable = waiting.toArray(new String[0]);
        List<Returning> back = new ArrayList<>(returning);
        back.sort(Comparator.comparingInt((Returning r) -> r.mountPath.length()).reversed());
        this.returning = back.toArray(new Returning[0]);
        this.holdNanos = holdNanos;
    }

    /**
     * The table that follows this one: every mount point mounted here and not in {@code apps}
     * becomes {@linkplain Returning coming back} for {@code graceNanos}; mount points already
     * coming back stay so until their deadline (the same {@link Returning}, so held requests
     * keep waiting on it) unless they are mounted again. Call {@link #released} with the new
     * table once it is published.
     *
     * @param apps        the mounted apps
     * @param unavailable mount points of registered apps out of service
     * @param graceNanos  how long a vanished mount point is kept as coming back; 0 for never
     * @param holdNanos   how long one request waits for a mount point to come back
     * @param now         {@link System#nanoTime()}
     * @return the next table
     */
    MountTable next(List<MountedApp> apps, List<String> unavailable, long graceNanos, long holdNanos, long now) {
        return next(apps, unavailable, Set.of(), graceNanos, holdNanos, now);
    }

    /**
     * As {@link #next(List, List, long, long, long)}, but the mount points in {@code gone} (apps
     * an admin unmounted) are not kept as coming back: they answer 404 at once, and requests held
     * for them are released.
     *
     * @param apps        the mounted apps
     * @param unavailable mount points of registered apps out of service
     * @param gone        mount points taken out of service on purpose
     * @param graceNanos  how long a vanished mount point is kept as coming back; 0 for never
     * @param holdNanos   how long one request waits for a mount point to come back
     * @param now         {@link System#nanoTime()}
     * @return the next table
     */
    MountTable next(List<MountedApp> apps, List<String> unavailable, Set<String> gone, long graceNanos,
            long holdNanos, long now) {
        Set<String> mounted = new HashSet<>(gone);
        apps.forEach(a -> mounted.add(a.mountPath()));
        Map<String, Returning> back = new LinkedHashMap<>();
        for (Returning r : returning) {
            if (!mounted.contains(r.mountPath) && r.deadline - now > 0) {
                back.put(r.mountPath, r);
            }
        }
        if (graceNanos > 0) {
            for (MountedApp a : this.apps) {
                if (!mounted.contains(a.mountPath()) && !back.containsKey(a.mountPath())) {
                    back.put(a.mountPath(), new Returning(a.mountPath(), now + graceNanos));
                }
            }
        }
        return new MountTable(apps, unavailable, new ArrayList<>(back.values()), holdNanos);
    }

    /**
     * Wakes the requests held for mount points of this table that {@code next} no longer has
     * as coming back (they came back, or their grace period ended). Called after {@code next}
     * is published, so that a woken request reads it.
     *
     * @param next the table that replaced this one
     * @return the entries released whose mount point did not come back
     */
    List<Returning> released(MountTable next) {
        Set<Returning> kept = new HashSet<>(List.of(next.returning));
        List<Returning> expired = new ArrayList<>();
        for (Returning r : returning) {
            if (!kept.contains(r)) {
                r.back.countDown();
                if (next.find(r.mountPath) == null || next.find(r.mountPath).mountPath().length() < r.mountPath.length()) {
                    expired.add(r);
                }
            }
        }
        return expired;
    }

    /** @return the earliest deadline of a mount point coming back, or {@code null} */
    Long nextDeadline() {
        Long first = null;
        for (Returning r : returning) {
            if (first == null || r.deadline - first < 0) {
                first = r.deadline;
            }
        }
        return first;
    }

    /**
     * The app whose mount point is the longest prefix of the path on a {@code /} boundary
     * (CherryPy's {@code tree.script_name(path)}).
     *
     * @param path the decoded request path
     * @return the app, or {@code null}
     */
    public MountedApp find(String path) {
        for (MountedApp app : apps) {
            String m = app.mountPath();
            if (covers(m, path)) {
                return app;
            }
        }
        return null;
    }

    private static boolean covers(String m, String path) {
        return m.isEmpty() || path.equals(m) || (path.startsWith(m) && path.charAt(m.length()) == '/');
    }

    /**
     * Whether the path belongs to an app that is registered but not in service; only asked
     * when {@link #find} found no app.
     *
     * @param path the decoded request path
     * @return the app's mount point, or {@code null}
     */
    public String unavailable(String path) {
        for (String m : unavailable) {
            if (covers(m, path)) {
                return m;
            }
        }
        return null;
    }

    /** @return whether some mount point is coming back (one read on every request) */
    public boolean anyReturning() {
        return returning.length != 0;
    }

    /**
     * The mount point coming back that the path belongs to, if it is longer than the mount
     * point of the app found for the path (a vanished {@code /shop} under a mounted root is
     * still {@code /shop}'s).
     *
     * @param path  the decoded request path
     * @param found what {@link #find} found, or {@code null}
     * @return the mount point coming back, or {@code null}
     */
    public Returning returning(String path, MountedApp found) {
        int longer = found == null ? -1 : found.mountPath().length();
        for (Returning r : returning) {
            if (r.mountPath.length() <= longer) {
                return null;
            }
            if (covers(r.mountPath, path)) {
                return r;
            }
        }
        return null;
    }

    /**
     * Holds a request for a mount point coming back: waits until its next generation is
     * published, at most the table's hold time and never past the grace period, without any
     * lock but the mount point's own latch. If the mount point leaves again while the request
     * waits (a bundle update followed by a refresh), the request waits for the next return
     * within the same bound.
     *
     * @param path    the decoded request path
     * @param back    the mount point coming back, from {@link #returning}
     * @param current reads the current table
     * @return the app that now serves the path, or {@code null} if it did not come back in time
     * @throws InterruptedException if the request's thread is interrupted
     */
    public MountedApp await(String path, Returning back, Supplier<MountTable> current) throws InterruptedException {
        long end = System.nanoTime() + holdNanos;
        Returning waitingFor = back;
        while (true) {
            long now = System.nanoTime();
            long wait = Math.min(end - now, waitingFor.deadline - now);
            if (wait > 0) {
                waitingFor.back.await(wait, TimeUnit.NANOSECONDS);
            }
            MountTable table = current.get();
            MountedApp app = table.find(path);
            if (app != null && app.mountPath().length() >= waitingFor.mountPath.length()) {
                return app;
            }
            Returning again = table.returning(path, app);
            if (again == null || again == waitingFor || end - System.nanoTime() <= 0) {
                return null;
            }
            waitingFor = again;
        }
    }

    /** @return the apps, longest mount point first */
    public List<MountedApp> apps() {
        return List.of(apps);
    }

    /**
     * A mount point whose app left and is expected back: requests for it wait on its latch,
     * which the mounter opens when the app is mounted again or the grace period ends.
     */
    public static final class Returning {
        private final String mountPath;
        private final long deadline;
        private final CountDownLatch back = new CountDownLatch(1);

        Returning(String mountPath, long deadline) {
            this.mountPath = mountPath;
            this.deadline = deadline;
        }

        /** @return the mount point */
        public String mountPath() {
            return mountPath;
        }
    }
}
