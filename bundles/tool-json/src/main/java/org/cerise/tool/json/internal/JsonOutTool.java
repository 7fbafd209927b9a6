package org.cerise.tool.json.internal;

import org.cerise.api.ConfigException;
import org.cerise.api.Handler;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * CherryPy's {@code tools.json_out}: at {@code before_handler} (priority 30) it sets the
 * Content-Type ({@code content_type}, {@code None} to leave it) and wraps the handler so that
 * whatever it returns (maps, lists, records, beans, strings, numbers, {@code null}) becomes the
 * body as JSON, written by Jackson with Python's separators and ASCII escapes, as CherryPy
 * writes it ({@code {"a": 1, "b": "\u00e9"}}).
 */
@Component(service = Tool.class)
@CeriseTool(name = "json_out")
public final class JsonOutTool implements Tool {

    static final int PRIORITY = 30;
    private static final Logger LOG = LoggerFactory.getLogger("org.cerise.tool.json");

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        if (setup.args().containsKey("handler")) {
            throw setup.badArg("handler", "is a Python callable in CherryPy; Cerise's json_out always writes the "
                    + "handler's result with Jackson (annotate the result's class to shape it)");
        }
        setup.allowArgs("content_type", "debug");
        String contentType = setup.args().containsKey("content_type") && setup.args().get("content_type") == null
                ? null : setup.stringArg("content_type", "application/json");
        boolean debug = setup.booleanArg("debug", false);
        ObjectWriter writer = Mappers.writer();
        setup.hook(HookPoint.BEFORE_HANDLER, setup.priority(PRIORITY), false, (request, response) -> {
            Handler inner = request.handler();
            // a tool that answered already (handler None) leaves nothing to serialise, as in CherryPy
            if (inner == null) {
                return;
            }
            if (debug) {
                LOG.info("[TOOLS.JSON_OUT] Replacing {} with JSON handler", inner);
            }
            if (contentType != null) {
                response.setHeader("Content-Type", contentType);
            }
            request.setHandler((req, resp) -> writer.writeValueAsBytes(inner.handle(req, resp)));
        });
    }
}
