package org.cerise.core.internal.http;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

import org.slf4j.Logger;

/**
 * Writes CherryPy's access-log line ({@code _cplogging.LogManager.access}) through SLF4J:
 * {@code h l u t "r" s b "f" "a"}, i.e. remote address, {@code -}, user or {@code -}, local
 * time without zone, request line, status, Content-Length ({@code -} when absent or 0),
 * Referer and User-Agent; every atom escaped as CherryPy does ({@code "} as {@code \"},
 * non-printable and non-ASCII bytes of its UTF-8 form as {@code \xhh}).
 */
public final class AccessLog {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private AccessLog() {
    }

    /**
     * Logs the line at INFO if the logger is enabled.
     *
     * @param log      the access logger
     * @param request  the request as served
     * @param response the finalized response
     */
    public static void log(Logger log, CoreRequest request, CoreResponse response) {
        if (log.isInfoEnabled()) {
            log.info(line(request, response, LocalDateTime.now()));
        }
    }

    /**
     * @param request  the request
     * @param response the response
     * @param now      the local time to stamp
     * @return the line
     */
    public static String line(CoreRequest request, CoreResponse response, LocalDateTime now) {
        StringBuilder sb = new StringBuilder(160);
        atom(sb, request.remoteAddr());
        sb.append(" - ");
        atom(sb, request.login() == null || request.login().isEmpty() ? "-" : request.login());
        sb.append(' ').append(time(now)).append(" \"");
        atom(sb, requestLine(request));
        sb.append("\" ").append(response.status()).append(' ');
        String length = response.header("Content-Length");
        atom(sb, length == null || length.isEmpty() || length.equals("0") ? "-" : length);
        sb.append(" \"");
        String referer = request.header("Referer");
        atom(sb, referer == null ? "" : referer);
        sb.append("\" \"");
        String agent = request.header("User-Agent");
        atom(sb, agent == null ? "" : agent);
        sb.append('"');
        return sb.toString();
    }

    /**
     * CherryPy's request line: the method, the decoded path (mount point plus path below it),
     * the raw query string and the protocol.
     */
    static String requestLine(CoreRequest request) {
        String qs = request.queryString();
        return request.method() + " " + request.scriptName() + request.pathInfo() + (qs.isEmpty() ? "" : "?" + qs)
                + " " + request.protocol();
    }

    /** CherryPy's {@code time()}: {@code [21/Nov/2026:04:43:15]}, local time, no zone. */
    static String time(LocalDateTime now) {
        StringBuilder sb = new StringBuilder(22).append('[');
        two(sb, now.getDayOfMonth());
        sb.append('/').append(MONTHS[now.getMonthValue() - 1]).append('/').append(now.getYear()).append(':');
        two(sb, now.getHour());
        sb.append(':');
        two(sb, now.getMinute());
        sb.append(':');
        two(sb, now.getSecond());
        return sb.append(']').toString();
    }

    private static void two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }

    /**
     * CherryPy's escaping of one atom: {@code repr(value.replace('"', '\\"').encode('utf8'))[2:-1]}
     * followed by {@code .replace('\\\\', '\\')}, which turns the doubled backslashes of the
     * repr back into single ones: a backslash is logged as one backslash.
     */
    static void atom(StringBuilder sb, String value) {
        boolean plain = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 32 || c > 126 || c == '"' || c == '\\' || c == '\'') {
                plain = false;
                break;
            }
        }
        if (plain) {
            sb.append(value);
            return;
        }
        byte[] bytes = value.replace("\"", "\\\"").getBytes(StandardCharsets.UTF_8);
        // bytes.__repr__ quotes with ' unless the bytes hold a ' and no "; only that quote is escaped
        boolean escapeSingle = value.indexOf('"') >= 0 || value.indexOf('\'') < 0;
        StringBuilder repr = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '\\') {
                repr.append("\\\\");
            } else if (c == '\'' && escapeSingle) {
                repr.append("\\'");
            } else if (c == '\t') {
                repr.append("\\t");
            } else if (c == '\n') {
                repr.append("\\n");
            } else if (c == '\r') {
                repr.append("\\r");
            } else if (c < 32 || c > 126) {
                repr.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                repr.append((char) c);
            }
        }
        sb.append(repr.toString().replace("\\\\", "\\"));
    }
}
