package org.cerise.tool.cpstats;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The statistics of the requests served with {@code tools.cpstats.on = True}, as an OSGi
 * service registered by the {@code cpstats} tool bundle. Reading them is cheap and never
 * blocks requests.
 *
 * <pre>
 * &#64;Reference RequestStatistics stats;
 * ...
 * StatisticsSnapshot s = stats.snapshot();
 * double rps = s.container().requestsPerSecond();
 * long inShop = s.apps().get("shop").totalRequests();
 * </pre>
 */
@ProviderType
public interface RequestStatistics {

    /**
     * @return the numbers as they are now: for the whole container and for each app that
     *         recorded at least one request
     */
    StatisticsSnapshot snapshot();

    /**
     * Whether requests are being recorded (CherryPy's {@code 'Enabled'} of the
     * {@code 'CherryPy Applications'} namespace). A request that starts while collection is
     * paused is not recorded at all.
     *
     * @return {@code true} unless paused
     */
    boolean enabled();

    /**
     * Pauses or resumes collection, as the stats page's {@code pause} and {@code resume} do.
     *
     * @param enabled {@code false} to pause, {@code true} to resume
     */
    void setEnabled(boolean enabled);
}
