package org.cerise.api.runtime;

import java.time.Instant;

/**
 * One request an app served recently, as {@link RuntimeModel#recent()} lists it: what CherryPy's
 * access log line says about it, plus its duration. Everything here comes from the client or the
 * app and is shown as is; a view must escape it (a path may well hold {@code <script>}).
 *
 * @param sequence      the request's number since the core started, in the order requests
 *                      finished: a later request has a larger number (for clients that poll and
 *                      want only what is new)
 * @param time          when the request arrived (the pipeline started it), to the millisecond
 * @param app           the name of the app that served it
 * @param method        the HTTP method, as the app saw it ({@code GET} after an internal redirect)
 * @param path          the decoded path, mount point included, as the access log shows it;
 *                      control characters written {@code \xhh}; cut after {@value #MAX_TEXT}
 *                      characters with {@code …} appended
 * @param query         the query string as sent (still percent-encoded), {@code ""} when none;
 *                      control characters written {@code \xhh}; cut like the path
 * @param status        the status code sent
 * @param millis        how long the request took in the pipeline (routing, tools, handler, writing
 *                      the response, {@code on_end_request}), in milliseconds, to the microsecond
 * @param remoteAddress the client's address (as a proxy tool may have set it), or {@code null}
 */
public record RecentRequest(long sequence, Instant time, String app, String method, String path, String query,
        int status, double millis, String remoteAddress) {

    /** The longest path or query string kept, in characters, before the cut. */
    public static final int MAX_TEXT = 200;
}
