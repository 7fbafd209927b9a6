package org.cerise.tool.cpstats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The statistics of one app, or of the whole container: CherryPy's
 * {@code 'CherryPy Applications'} namespace, with its derived rates as methods.
 *
 * @param startTime         when collection started ({@code 'Start Time'}: the tool's start)
 * @param uptime            time since then ({@code 'Uptime'})
 * @param totalRequests     requests recorded ({@code 'Total Requests'})
 * @param currentRequests   requests being served now ({@code 'Current Requests'})
 * @param totalBytesRead    request body bytes read ({@code 'Total Bytes Read'})
 * @param totalBytesWritten response bytes written, by {@code Content-Length}; streamed responses
 *                          count nothing ({@code 'Total Bytes Written'})
 * @param totalTime         the processing times added up ({@code 'Total Time'})
 * @param requests          the latest request of each serving thread, by thread id
 *                          ({@code 'Requests'})
 * @param slowQueries       the latest requests that took longer than {@code slow_queries}
 *                          seconds, oldest first ({@code 'Slow Queries'})
 * @param uriSets           processing times per {@code uriset} name ({@code 'URI Set Tracking'})
 */
public record AppStatistics(Instant startTime, Duration uptime, long totalRequests, long currentRequests,
        long totalBytesRead, long totalBytesWritten, Duration totalTime, Map<Long, RequestRecord> requests,
        List<RequestRecord> slowQueries, Map<String, UriSetStatistics> uriSets) {

    /** @return {@code 'Requests/Second'} over the uptime */
    public double requestsPerSecond() {
        return totalRequests / seconds(uptime);
    }

    /** @return {@code 'Bytes Read/Request'}, 0 before the first request */
    public double bytesReadPerRequest() {
        return totalRequests == 0 ? 0.0 : totalBytesRead / (double) totalRequests;
    }

    /** @return {@code 'Bytes Read/Second'} over the uptime */
    public double bytesReadPerSecond() {
        return totalBytesRead / seconds(uptime);
    }

    /** @return {@code 'Bytes Written/Request'}, 0 before the first request */
    public double bytesWrittenPerRequest() {
        return totalRequests == 0 ? 0.0 : totalBytesWritten / (double) totalRequests;
    }

    /** @return {@code 'Bytes Written/Second'} over the uptime */
    public double bytesWrittenPerSecond() {
        return totalBytesWritten / seconds(uptime);
    }

    /**
     * @param d a duration
     * @return it in seconds, never 0 (a rate right at start-up is then large, not infinite)
     */
    static double seconds(Duration d) {
        double s = d.getSeconds() + d.getNano() / 1e9;
        return s > 0 ? s : 1e-9;
    }
}
