package org.cerise.tool.logging.internal;

import java.util.Map;

import org.cerise.api.ConfigException;
import org.cerise.api.Request;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.log_headers} ({@code cptools.log_request_headers}), on by default:
 * at {@code before_error_response} (priority 50), that is for every unexpected exception, the
 * request's headers are logged at INFO to the app's error log {@code cerise.error.<app>}:
 * {@code HTTP}, then {@code Request Headers:}, then one {@code "  Name: value"} line each,
 * starting with the client's address as CherryPy's {@code Remote-Addr}.
 */
@Component(service = Tool.class)
@CeriseTool(name = "log_headers")
public final class LogHeadersTool implements Tool {

    static final int PRIORITY = 50;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("debug");
        setup.booleanArg("debug", false);
        setup.hook(HookPoint.BEFORE_ERROR_RESPONSE, setup.priority(PRIORITY), false, (request, response) ->
                LoggerFactory.getLogger("cerise.error." + request.appName()).info("HTTP\nRequest Headers:\n{}",
                        headerLines(request)));
    }

    /**
     * One {@code "  Name: value"} line per header line, in the order received. Read from
     * {@link Request#headerList()}, as CherryPy reads {@code request.header_list}: logging them
     * is not reading them, so autovary must not add them all to {@code Vary}.
     */
    static String headerLines(Request request) {
        StringBuilder lines = new StringBuilder("  Remote-Addr: ").append(request.remoteAddr());
        for (Map.Entry<String, String> header : request.headerList()) {
            lines.append("\n  ").append(header.getKey()).append(": ").append(header.getValue());
        }
        return lines.toString();
    }
}
