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
    public static final MountTable EMPTY = new MountTable(List.of());

    private final MountedApp[] apps;

    /** @param apps the mounted apps, one per mount point */
    public MountTable(List<MountedApp> apps) {
        List<MountedApp> sorted = new ArrayList<>(apps);
        sorted.sort(Comparator.comparingInt((MountedApp a) -> a.mountPath().length()).reversed());
        this.apps = sorted.toArray(new MountedApp[0]);
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

    /** @return the apps, longest mount point first */
    public List<MountedApp> apps() {
        return List.of(apps);
    }
}
