package org.cerise.tool.autovary.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
 * CherryPy's {@code tools.autovary}: from {@code on_start_resource} (priority 0, before other
 * tools) every request header name that the tools and the handler read is noted, spelled as
 * they asked for it; at {@code before_finalize} (priority 95, after the tools that answer
 * there) those names, with the {@code Vary} values the response already has and without the
 * {@code ignore}d ones, become the response's {@code Vary} header, sorted.
 */
@Component(service = Tool.class)
@CeriseTool(name = "autovary")
public final class AutovaryTool implements Tool {

    static final int PRIORITY = 0;
    /** CherryPy attaches the Vary hook at this priority whatever the tool's own priority is. */
    static final int VARY_PRIORITY = 95;

    private static final String READ_ATTRIBUTE = "cerise.autovary.read";
    private static final Set<String> DEFAULT_IGNORE = Set.of("Content-Disposition", "Content-Length", "Content-Type");

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("ignore", "debug");
        Set<String> ignore;
        if (setup.args().get("ignore") == null) {
            ignore = DEFAULT_IGNORE;
        } else {
            ignore = new HashSet<>();
            for (Object name : setup.listArg("ignore")) {
                if (!(name instanceof String)) {
                    throw setup.badArg("ignore", "must be a list of header names, e.g. ['Content-Type', 'Cookie']");
                }
                ignore.add((String) name);
            }
        }
        boolean debug = setup.booleanArg("debug", false);
        setup.hook(HookPoint.ON_START_RESOURCE, setup.priority(PRIORITY), false, (request, response) -> {
            Set<String> read = new HashSet<>();
            request.setAttribute(READ_ATTRIBUTE, read);
            request.observeHeaders(read::add);
        });
        Set<String> ignored = Set.copyOf(ignore);
        setup.hook(HookPoint.BEFORE_FINALIZE, VARY_PRIORITY, false, (request, response) -> vary(request, response,
                ignored, debug));
    }

    private static void vary(Request request, Response response, Set<String> ignore, boolean debug) {
        @SuppressWarnings("unchecked")
        Set<String> read = (Set<String>) request.attribute(READ_ATTRIBUTE);
        if (read == null) {
            // the on_start_resource hook never ran (an earlier hook failed): CherryPy attaches nothing
            return;
        }
        if (debug) {
            LoggerFactory.getLogger("cerise.error." + request.appName()).info("TOOLS.AUTOVARY Accessed headers: {}",
                    read);
        }
        Set<String> vary = new TreeSet<>();
        for (String value : response.headers("Vary")) {
            addElements(value, vary);
        }
        vary.addAll(read);
        vary.removeAll(ignore);
        response.setHeader("Vary", String.join(", ", vary));
    }

    /**
     * The values of a comma-separated header as CherryPy's {@code HeaderMap.elements} reads
     * them: each element up to its first {@code ;}, stripped; an empty element counts.
     */
    static void addElements(String header, Set<String> into) {
        if (header.isEmpty()) {
            return;
        }
        for (String element : splitOutsideQuotes(header, ',')) {
            int semicolon = element.indexOf(';');
            into.add((semicolon < 0 ? element : element.substring(0, semicolon)).strip());
        }
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new java.util.ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
