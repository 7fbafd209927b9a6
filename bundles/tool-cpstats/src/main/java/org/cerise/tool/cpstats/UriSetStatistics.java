package org.cerise.tool.cpstats;

import java.time.Duration;

/**
 * The processing times of the requests whose scope names the same {@code tools.cpstats.uriset}
 * (CherryPy's {@code 'URI Set Tracking'}).
 *
 * @param count requests ({@code 'Count'})
 * @param sum   their processing times added up ({@code 'Sum'})
 * @param min   the shortest ({@code 'Min'})
 * @param max   the longest ({@code 'Max'})
 */
public record UriSetStatistics(long count, Duration sum, Duration min, Duration max) {

    /** @return the mean processing time ({@code 'Avg'}), zero if there was no request */
    public Duration avg() {
        return count == 0 ? Duration.ZERO : sum.dividedBy(count);
    }
}
