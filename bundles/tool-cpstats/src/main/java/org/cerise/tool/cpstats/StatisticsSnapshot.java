package org.cerise.tool.cpstats;

import java.time.Instant;
import java.util.Map;

/**
 * The statistics at one moment.
 *
 * @param time          when the snapshot was taken ({@code 'Current Time'})
 * @param enabled       whether collection is on ({@code 'Enabled'})
 * @param serverVersion Cerise's version ({@code 'Server Version'})
 * @param container     every recorded request of the container ({@code 'CherryPy Applications'})
 * @param apps          the same for each app, by app name, in name order
 */
public record StatisticsSnapshot(Instant time, boolean enabled, String serverVersion, AppStatistics container,
        Map<String, AppStatistics> apps) {
}
