package org.cerise.tool.responseheaders.internal;

import java.util.ArrayList;
import java.util.List;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.response_headers}: at {@code on_start_resource} (priority 50,
 * failsafe, so the headers are set even when another hook of that point fails first) every
 * {@code (name, value)} pair of {@code headers} is set on the response, replacing an earlier
 * value of the same header; a name given twice ends with its last value.
 */
@Component(service = Tool.class)
@CeriseTool(name = "response_headers")
public final class ResponseHeadersTool implements Tool {

    static final int PRIORITY = 50;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("headers", "debug");
        boolean debug = setup.booleanArg("debug", false);
        List<String[]> pairs = new ArrayList<>();
        for (Object entry : setup.listArg("headers")) {
            pairs.add(pair(setup, entry));
        }
        if (pairs.isEmpty() && !debug) {
            return;
        }
        String[][] headers = pairs.toArray(new String[0][]);
        String described = describe(headers);
        setup.hook(HookPoint.ON_START_RESOURCE, setup.priority(PRIORITY), true, (request, response) -> {
            if (debug) {
                LoggerFactory.getLogger("cerise.error." + request.appName())
                        .info("TOOLS.RESPONSE_HEADERS Setting response headers: {}", described);
            }
            for (String[] header : headers) {
                response.setHeader(header[0], header[1]);
            }
        });
    }

    private static String[] pair(ToolSetup setup, Object entry) throws ConfigException {
        if (!(entry instanceof List) || ((List<?>) entry).size() != 2) {
            throw setup.badArg("headers", "must be a list of (name, value) pairs, e.g. [('X-Frame-Options', 'DENY')]");
        }
        Object name = ((List<?>) entry).get(0);
        Object value = ((List<?>) entry).get(1);
        if (!(name instanceof String) || ((String) name).isEmpty() || !isToken((String) name)) {
            throw setup.badArg("headers", "has a header name that is not a token: " + name);
        }
        String text = asHeaderText(value);
        if (text == null) {
            throw setup.badArg("headers", "has a value for " + name + " that is neither text nor a number: " + value);
        }
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw setup.badArg("headers", "has a line break in the value for " + name);
        }
        return new String[] {(String) name, text};
    }

    /** A value as Python's {@code str()} writes it into the header, for the types a value may have. */
    private static String asHeaderText(Object value) {
        if (value instanceof String || value instanceof Long || value instanceof Double) {
            return value.toString();
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? "True" : "False";
        }
        return null;
    }

    /** RFC 9110 token characters; anything else would corrupt the response head. */
    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String describe(String[][] headers) {
        StringBuilder out = new StringBuilder("[");
        for (String[] h : headers) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append("('").append(h[0]).append("', '").append(h[1]).append("')");
        }
        return out.append(']').toString();
    }
}
