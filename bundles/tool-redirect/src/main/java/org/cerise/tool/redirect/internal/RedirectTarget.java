package org.cerise.tool.redirect.internal;

import org.cerise.api.ConfigException;
import org.cerise.api.HttpRedirect;
import org.cerise.api.InternalRedirect;
import org.cerise.api.Request;
import org.cerise.api.tool.ToolSetup;
import org.slf4j.LoggerFactory;

/**
 * Where {@code redirect} and {@code err_redirect} send a request (CherryPy's
 * {@code cptools.redirect}, which both tools call): {@code url}, internally (the default) or
 * by an HTTP redirect.
 */
final class RedirectTarget {

    private final String url;
    private final boolean internal;
    private final boolean debug;

    private RedirectTarget(String url, boolean internal, boolean debug) {
        this.url = url;
        this.internal = internal;
        this.debug = debug;
    }

    /**
     * Reads {@code url}, {@code internal} and {@code debug} for one config scope.
     *
     * @param setup the tool's set-up
     * @return the target
     * @throws ConfigException for a missing URL or an argument of the wrong type
     */
    static RedirectTarget from(ToolSetup setup) throws ConfigException {
        setup.allowArgs("url", "internal", "debug");
        String url = setup.stringArg("url", "");
        if (url.isEmpty()) {
            // CherryPy's default '' redirects to the same URL: a loop, never what was meant
            throw setup.badArg("url", "is required: the path (internal) or URL to redirect to");
        }
        return new RedirectTarget(url, setup.booleanArg("internal", true), setup.booleanArg("debug", false));
    }

    /**
     * @param request the request being redirected
     * @return the redirect to throw
     */
    RuntimeException redirect(Request request) {
        if (debug) {
            LoggerFactory.getLogger("cerise.error." + request.appName())
                    .info("TOOLS.REDIRECT Redirecting {}to: {}", internal ? "internal " : "", url);
        }
        return internal ? new InternalRedirect(url) : new HttpRedirect(url);
    }
}
