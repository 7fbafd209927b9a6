package org.cerise.tool.allow.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.cerise.api.ConfigException;
import org.cerise.api.HttpError;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.allow}: at {@code on_start_resource} (priority 50) the response
 * gets {@code Allow: <methods>}, and a request whose method is not among them is answered 405.
 * The methods default to GET and HEAD; allowing GET allows HEAD.
 */
@Component(service = Tool.class)
@CeriseTool(name = "allow")
public final class AllowTool implements Tool {

    static final int PRIORITY = 50;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("methods", "debug");
        boolean debug = setup.booleanArg("debug", false);
        List<String> methods = new ArrayList<>();
        for (Object m : setup.listArg("methods")) {
            if (m != null && !(m instanceof String)) {
                throw setup.badArg("methods", "must be a method name or a list of them, e.g. ['GET', 'POST']");
            }
            // CherryPy skips empty entries and upper-cases the rest
            if (m != null && !((String) m).isEmpty()) {
                methods.add(((String) m).toUpperCase(Locale.ROOT));
            }
        }
        if (methods.isEmpty()) {
            methods.add("GET");
            methods.add("HEAD");
        } else if (methods.contains("GET") && !methods.contains("HEAD")) {
            methods.add("HEAD");
        }
        String allow = String.join(", ", methods);
        Set<String> allowed = Set.copyOf(methods);
        setup.hook(HookPoint.ON_START_RESOURCE, setup.priority(PRIORITY), false, (request, response) -> {
            response.setHeader("Allow", allow);
            boolean ok = allowed.contains(request.method());
            if (debug) {
                LoggerFactory.getLogger("cerise.error." + request.appName()).info("TOOLS.ALLOW request.method '{}' {} "
                        + "methods {}", request.method(), ok ? "in" : "not in", methods);
            }
            if (!ok) {
                throw new HttpError(405);
            }
        });
    }
}
