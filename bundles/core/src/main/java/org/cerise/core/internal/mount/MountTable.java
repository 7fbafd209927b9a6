package org.cerise.core.internal.mount;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The mounted apps, longest mount point first; immutable, replaced as a whole when apps come
 * and go so that a request reads it without locking.
 */
public final class MountTable {

    /** The table with no app. */
    public static final MountTable EMPTY = new MountTable(List.of(), List.of());

    private final MountedApp[] apps;
    private final String[] unavailable;

    /**
     * @param apps        the mounted apps, one per mount point
     * @param unavailable mount points of apps that are registered but not in service (waiting
     *                    for a tool or dispatcher, or wrongly configured)
     */
    public MountTable(List<MountedApp> apps, List<String> unavailable) {
        List<MountedApp> sorted = new ArrayList<>(apps);
        sorted.sort(Comparator.comparingInt((MountedApp a) -> a.mountPath().length()).reversed());
        this.apps = sorted.toArray(new MountedApp[0]);
        List<String> waiting = new ArrayList<>(unavailable);
        waiting.sort(Comparator.comparingInt(String::length).reversed());
        this.unavailable = waiting.toArray(new String[0]);
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
            if (m.isEmpty() || path.equals(m) || (path.startsWith(m) && path.charAt(m.length()) == '/')) {
                return app;
            }
        }
        return null;
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
            if (m.isEmpty() || path.equals(m) || (path.startsWith(m) && path.charAt(m.length()) == '/')) {
                return m;
            }
        }
        return null;
    }

    /** @return the apps, longest mount point first */
    public List<MountedApp> apps() {
        return List.of(apps);
    }
}
