package org.cerise.tool.staticfiles.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** CherryPy's {@code httputil.HTTPDate}: {@code Sat, 01 Jan 2000 00:00:00 GMT}, whole seconds. */
final class HttpDate {

    // RFC_1123_DATE_TIME would drop the day's leading zero; CherryPy (email.utils) keeps it
    private static final DateTimeFormatter FORMAT = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDate() {
    }

    /** @param epochMillis a time @return it as an HTTP date (truncated to the second) */
    static String format(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(Math.floorDiv(epochMillis, 1000) * 1000));
    }
}
