package org.cerise.tool.staticfiles.internal;

import java.util.regex.Pattern;

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
 * CherryPy's {@code tools.staticfile}: at {@code before_handler} (priority 50) a GET or HEAD in
 * the scope is answered with one file ({@code filename}, from disk or from the app's bundle);
 * when the file is missing the request falls through to the handler. See the bundle's README.
 */
@Component(service = Tool.class)
@CeriseTool(name = "staticfile")
public final class StaticFileTool implements Tool {

    private static final Logger LOG = LoggerFactory.getLogger("org.cerise.tool.static");

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("filename", "root", "match", "content_types", "debug", "cache_max_size",
                "cache_max_file_size");
        String filename = setup.stringArg("filename", null);
        if (filename == null || filename.isEmpty()) {
            throw setup.badArg("filename", "must name the file to serve, e.g. '/var/www/favicon.ico' or "
                    + "'bundle:/public/favicon.ico'");
        }
        Pattern match = Scopes.match(setup);
        boolean debug = setup.booleanArg("debug", false);
        Folder file = Locations.folder(setup, "filename", filename, setup.stringArg("root", null),
                ContentTypes.read(setup), Scopes.cache(setup), Scopes.maxFile(setup), LOG);
        setup.hook(HookPoint.BEFORE_HANDLER, setup.priority(Scopes.PRIORITY), false,
                (request, response) -> serve(request, response, match, file, debug));
    }

    private static void serve(Request request, Response response, Pattern match, Folder folder, boolean debug)
            throws Exception {
        if (!Scopes.readMethod(request.method())) {
            return;
        }
        if (match != null && !match.matcher(request.pathInfo()).find()) {
            return;
        }
        StaticFile file = folder.find("");
        if (debug) {
            LOG.info("TOOLS.STATICFILE {}: {}", folder.describe(), file == null ? "not found" : file);
        }
        if (file == null) {
            return;
        }
        Sender.send(request, response, file, file.contentType, null);
        request.setHandler(null);
    }
}
