package org.cerise.api.runtime;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Run-time control of the apps the core serves, provided by the core as a service next to
 * {@link RuntimeModel}; the admin console, JSON API and Gogo commands act through it.
 *
 * <p><b>Unmount</b> keeps the app's service (its bundle stays active) but takes its mount point
 * out of the mount table at once: requests for it answer 404 as for a path no app owns (no grace
 * period, no 503, since the admin asked for it), and the model shows the app as
 * {@value #UNMOUNTED} with the reason {@code "unmounted by <who>"}. The mark is kept by app name,
 * so it also holds for a new generation of the app's bundle (a redeploy), but only in memory: a
 * restart of the container (or of the core bundle) serves the app again. To keep an app off for
 * good, stop or remove its bundle.
 *
 * <p><b>Mount</b> clears the mark and mounts the app from its current service and config.
 * <b>Restart</b> mounts the app afresh: its config file is read again, its overrides and the
 * global config applied as they are now, its handler index rebuilt; the new generation replaces
 * the old one in one step, and requests already running finish on the old one.
 */
@ProviderType
public interface AppControl {

    /** The {@link AppInfo#state()} of an app an admin unmounted. */
    String UNMOUNTED = "UNMOUNTED";

    /**
     * Takes an app out of service until {@link #mount} or {@link #restart}.
     *
     * @param app the app's name ({@link AppInfo#name()})
     * @param who the user asking, for the reason shown
     * @return the app as it is afterwards
     * @throws java.util.NoSuchElementException when no app has that name
     */
    AppInfo unmount(String app, String who);

    /**
     * Serves an unmounted app again (does nothing to an app that is not unmounted).
     *
     * @param app the app's name
     * @param who the user asking
     * @return the app as it is afterwards (it may be waiting or failed for its own reasons)
     * @throws java.util.NoSuchElementException when no app has that name
     */
    AppInfo mount(String app, String who);

    /**
     * Mounts an app afresh from its current service and config, clearing an unmount.
     *
     * @param app the app's name
     * @param who the user asking
     * @return the app as it is afterwards
     * @throws java.util.NoSuchElementException when no app has that name
     */
    AppInfo restart(String app, String who);

    /**
     * Checks a candidate set of run-time overrides for an app (the keys of a configuration of
     * factory PID {@code org.cerise.app}, without {@code cerise.app}) by compiling the app with them
     * in place of its current overrides, without changing what is served.
     *
     * @param app       the app's name
     * @param overrides keys ({@code key} for section {@code [/]}, {@code [/path]key} otherwise) and
     *                  values written as Python literals
     * @return {@code null} when the app would mount with them; otherwise a sentence naming the key
     *         and value that are wrong, or what the app would wait for
     * @throws java.util.NoSuchElementException when no app has that name
     */
    String checkOverrides(String app, Map<String, String> overrides);
}
