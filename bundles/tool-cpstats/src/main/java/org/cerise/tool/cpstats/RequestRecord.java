package org.cerise.tool.cpstats;

import java.time.Duration;
import java.time.Instant;

/**
 * One request, running or done: a record of CherryPy's {@code 'Requests'} and
 * {@code 'Slow Queries'} collections.
 *
 * @param startTime      when it started ({@code 'Start Time'})
 * @param endTime        when it ended, {@code null} while it runs ({@code 'End Time'})
 * @param processingTime how long it took, or has been running ({@code 'Processing Time'})
 * @param client         {@code ip:port} of the client ({@code 'Client'})
 * @param requestLine    e.g. {@code GET /shop/?a=1 HTTP/1.1} ({@code 'Request-Line'})
 * @param responseStatus e.g. {@code 200 OK}, {@code null} while it runs ({@code 'Response Status'})
 * @param bytesRead      request body bytes read, {@code null} while it runs ({@code 'Bytes Read'})
 * @param bytesWritten   the response's {@code Content-Length}, {@code null} while it runs or
 *                       when the response was streamed ({@code 'Bytes Written'})
 * @param chunked        whether the response was streamed ({@code 'Bytes Written': 'chunked'})
 */
public record RequestRecord(Instant startTime, Instant endTime, Duration processingTime, String client,
        String requestLine, String responseStatus, Long bytesRead, Long bytesWritten, boolean chunked) {
}
