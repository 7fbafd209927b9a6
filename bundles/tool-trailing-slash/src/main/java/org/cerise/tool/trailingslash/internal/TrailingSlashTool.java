package org.cerise.tool.trailingslash.internal;

import org.cerise.api.Cerise;
import org.cerise.api.ConfigException;
import org.cerise.api.HttpRedirect;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.trailing_slash}, on by default: at {@code before_handler} (priority
 * 60) an index handler reached without a trailing slash redirects to the URL with one
 * ({@code missing}, default on), and, if {@code extra} is on, any other handler reached with a
 * trailing slash redirects to the URL without it. The query string is kept; the status is
 * {@code status} or 301. With {@code debug}, each decision's inputs are logged to the app's
 * error log, as CherryPy logs them.
 */
@Component(service = Tool.class)
@CeriseTool(name = "trailing_slash")
public final class TrailingSlashTool implements Tool {

    static final int PRIORITY = 60;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("missing", "extra", "status", "debug");
        boolean missing = setup.booleanArg("missing", true);
        boolean extra = setup.booleanArg("extra", false);
        boolean debug = setup.booleanArg("debug", false);
        Object s = setup.args().get("status");
        int status;
        if (s == null) {
            status = 301;
        } else if (s instanceof Long && (Long) s >= 300 && (Long) s <= 308 && (Long) s != 304 && (Long) s != 305
                && (Long) s != 306) {
            status = ((Long) s).intValue();
        } else {
            throw setup.badArg("status", "must be a redirect status such as 301, 302, 303, 307 or 308");
        }
        if (!missing && !extra) {
            return;
        }
        setup.hook(HookPoint.BEFORE_HANDLER, setup.priority(PRIORITY), false, (request, response) -> {
            String pi = request.pathInfo();
            Boolean index = request.isIndex();
            if (debug) {
                LoggerFactory.getLogger("cerise.error." + request.appName()).info(
                        "TOOLS.TRAILING_SLASH is_index: {}, missing: {}, extra: {}, path_info: '{}'",
                        index == null ? "None" : index ? "True" : "False", missing ? "True" : "False",
                        extra ? "True" : "False", pi);
            }
            if (Boolean.TRUE.equals(index)) {
                if (missing && !pi.endsWith("/")) {
                    throw new HttpRedirect(Cerise.url(pi + "/", request.queryString()), status);
                }
            } else if (Boolean.FALSE.equals(index)) {
                if (extra && pi.endsWith("/") && !pi.equals("/")) {
                    throw new HttpRedirect(Cerise.url(pi.substring(0, pi.length() - 1), request.queryString()), status);
                }
            }
        });
    }
}
