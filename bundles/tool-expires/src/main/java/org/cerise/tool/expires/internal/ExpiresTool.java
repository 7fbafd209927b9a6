package org.cerise.tool.expires.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.cerise.api.ConfigException;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.expires} ({@code lib/caching.expires}): at {@code before_finalize}
 * (priority 50), a response that already says it may be cached (it has {@code ETag},
 * {@code Last-Modified}, {@code Age} or {@code Expires}), or any response when {@code force} is
 * on, gets {@code Expires} = now + {@code secs}. With {@code secs = 0} it is made uncacheable
 * instead: an {@code Expires} date in the past, {@code Pragma: no-cache} and, for HTTP/1.1
 * clients, {@code Cache-Control: no-cache, must-revalidate}. Without {@code force}, headers the
 * response already has are kept.
 */
@Component(service = Tool.class)
@CeriseTool(name = "expires")
public final class ExpiresTool implements Tool {

    static final int PRIORITY = 50;

    /** CherryPy's fixed date in the past for uncacheable responses ({@code HTTPDate(1169942400.0)}). */
    static final String PAST = "Sun, 28 Jan 2007 00:00:00 GMT";

    /** RFC 1123 dates as Python's {@code formatdate(usegmt=True)} writes them (two-digit day). */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** Response headers that mark a response as cacheable. */
    private static final String[] CACHEABLE_INDICATORS = {"ETag", "Last-Modified", "Age", "Expires"};

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("secs", "force", "debug");
        Object secsArg = setup.args().get("secs");
        double secs;
        if (secsArg == null) {
            secs = 0;
        } else if (secsArg instanceof Long || secsArg instanceof Double && Double.isFinite((Double) secsArg)) {
            secs = ((Number) secsArg).doubleValue();
        } else {
            throw setup.badArg("secs", "must be a number of seconds");
        }
        boolean force = setup.booleanArg("force", false);
        boolean debug = setup.booleanArg("debug", false);
        Expiry expiry = new Expiry(secs, force, debug);
        setup.hook(HookPoint.BEFORE_FINALIZE, setup.priority(PRIORITY), false, expiry::apply);
    }

    /** The settings of one config scope. */
    private record Expiry(double secs, boolean force, boolean debug) {

        void apply(Request request, Response response) {
            if (!force && !cacheable(response)) {
                debug(request, "request is not cacheable");
                return;
            }
            debug(request, "request is cacheable");
            String expires;
            if (secs == 0) {
                if (force || response.header("Pragma") == null) {
                    response.setHeader("Pragma", "no-cache");
                }
                if (atLeastHttp11(request.protocol()) && (force || response.header("Cache-Control") == null)) {
                    response.setHeader("Cache-Control", "no-cache, must-revalidate");
                }
                expires = PAST;
            } else {
                long at = (long) Math.floor(System.currentTimeMillis() / 1000.0 + secs);
                expires = HTTP_DATE.format(Instant.ofEpochSecond(at));
            }
            if (force || response.header("Expires") == null) {
                response.setHeader("Expires", expires);
            }
        }

        private static boolean cacheable(Response response) {
            for (String indicator : CACHEABLE_INDICATORS) {
                if (response.header(indicator) != null) {
                    return true;
                }
            }
            return false;
        }

        private void debug(Request request, String message) {
            if (debug) {
                LoggerFactory.getLogger("cerise.error." + request.appName()).info("TOOLS.EXPIRES {}", message);
            }
        }
    }

    /** CherryPy compares the protocol as a version tuple with (1, 1). */
    static boolean atLeastHttp11(String protocol) {
        int slash = protocol.indexOf('/');
        int dot = protocol.indexOf('.', slash + 1);
        try {
            int major = Integer.parseInt(protocol.substring(slash + 1, dot < 0 ? protocol.length() : dot));
            int minor = dot < 0 ? 0 : Integer.parseInt(protocol.substring(dot + 1));
            return major > 1 || major == 1 && minor >= 1;
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return false;
        }
    }
}
