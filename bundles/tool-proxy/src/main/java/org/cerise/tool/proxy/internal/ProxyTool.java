package org.cerise.tool.proxy.internal;

import java.util.Locale;

import org.cerise.api.ConfigException;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.proxy}, for apps behind a reverse proxy: at
 * {@code before_request_body} (priority 30) the request's base URL becomes what the client
 * asked the proxy for, from the {@code local} header ({@code X-Forwarded-Host}) or {@code base},
 * with the scheme from the {@code scheme} header ({@code X-Forwarded-Proto}, or
 * {@code X-Forwarded-Ssl: on}); and the client's address becomes the first entry of the
 * {@code remote} header ({@code X-Forwarded-For}). Redirects and {@code Cerise.url()} then
 * build absolute URLs on the forwarded host and scheme.
 */
@Component(service = Tool.class)
@CeriseTool(name = "proxy")
public final class ProxyTool implements Tool {

    static final int PRIORITY = 30;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("base", "local", "remote", "scheme", "debug");
        String base = textArg(setup, "base", null);
        if (base != null && base.endsWith("/")) {
            throw setup.badArg("base", "must not end in a slash: scheme://host[:port][/path]");
        }
        Forwarding forwarding = new Forwarding(base, textArg(setup, "local", "X-Forwarded-Host"),
                textArg(setup, "remote", "X-Forwarded-For"), textArg(setup, "scheme", "X-Forwarded-Proto"),
                setup.booleanArg("debug", false));
        setup.hook(HookPoint.BEFORE_REQUEST_BODY, setup.priority(PRIORITY), false, forwarding::apply);
    }

    /**
     * A text argument as CherryPy tests it, for truth: {@code ''} and an explicit {@code None}
     * both turn its part off ({@code null}); only an absent argument takes the default.
     */
    private static String textArg(ToolSetup setup, String name, String defaultValue) throws ConfigException {
        if (!setup.args().containsKey(name)) {
            return defaultValue;
        }
        String value = setup.stringArg(name, null);
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * The settings of one config scope.
     *
     * @param base         the configured base, or {@code null}
     * @param localHeader  the header naming the host the client asked for, or {@code null}
     * @param remoteHeader the header naming the client's address, or {@code null}
     * @param schemeHeader the header naming the client's scheme, or {@code null}
     * @param debug        whether to log each step
     */
    record Forwarding(String base, String localHeader, String remoteHeader, String schemeHeader, boolean debug) {

        void apply(Request request, Response response) {
            Logger log = debug ? LoggerFactory.getLogger("cerise.error." + request.appName()) : null;
            String scheme = null;
            if (schemeHeader != null) {
                String forwarded = request.header(schemeHeader);
                if (log != null) {
                    log.info("TOOLS.PROXY Testing scheme {}:{}", repr(schemeHeader), repr(forwarded));
                }
                // X-Forwarded-Ssl: on (webfaction), else X-Forwarded-Proto: https (lighttpd, pound, ...)
                scheme = "on".equals(forwarded) && schemeHeader.toLowerCase(Locale.ROOT).contains("ssl") ? "https"
                        : forwarded;
            }
            String current = request.base();
            int separator = current.indexOf("://");
            if (scheme == null || scheme.isEmpty()) {
                scheme = current.substring(0, Math.max(separator, 0));
            }
            String newBase = base;
            if (localHeader != null) {
                String forwardedHost = request.header(localHeader);
                if (log != null) {
                    log.info("TOOLS.PROXY Testing local {}:{}", repr(localHeader), repr(forwardedHost));
                }
                if (forwardedHost != null) {
                    int comma = forwardedHost.indexOf(',');
                    newBase = comma < 0 ? forwardedHost : forwardedHost.substring(0, comma);
                }
            }
            if (newBase == null || newBase.isEmpty()) {
                String host = request.header("Host");
                newBase = host != null ? host : netloc(current, separator);
            }
            if (!newBase.contains("://")) {
                newBase = scheme + "://" + newBase;
            }
            request.setBase(newBase);

            if (remoteHeader != null) {
                String forwardedFor = request.header(remoteHeader);
                if (log != null) {
                    log.info("TOOLS.PROXY Testing remote {}:{}", repr(remoteHeader), repr(forwardedFor));
                }
                if (forwardedFor != null && !forwardedFor.isEmpty()) {
                    if (remoteHeader.equals("X-Forwarded-For")) {
                        // the first address is the client's; each proxy appends the one it heard from
                        int comma = forwardedFor.indexOf(',');
                        forwardedFor = (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).strip();
                    }
                    request.setRemoteAddr(forwardedFor);
                }
            }
        }

        private static String netloc(String base, int separator) {
            int start = separator < 0 ? 0 : separator + 3;
            int slash = base.indexOf('/', start);
            return slash < 0 ? base.substring(start) : base.substring(start, slash);
        }

        /** As CherryPy's debug lines show values ({@code %r}). */
        private static String repr(String value) {
            return value == null ? "None" : "'" + value + "'";
        }
    }
}
