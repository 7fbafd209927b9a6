package org.cerise.tool.staticfiles.internal;

import java.util.regex.Pattern;

import org.cerise.api.ConfigException;
import org.cerise.api.HttpError;
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
 * CherryPy's {@code tools.staticdir}: at {@code before_handler} (priority 50) a GET or HEAD whose
 * path (below the section where {@code dir} was set) names a file of the folder is answered with
 * it, and the handler is not called ({@code request.handler = None}); a missing file or a folder
 * without {@code index} falls through to the handler. Everything that can be is worked out at
 * setup: the folder, the {@code match} pattern, the Content-Types; a request costs a stat (on
 * disk) or nothing (in the app's bundle) when the file is cached. See the bundle's README.
 */
@Component(service = Tool.class)
@CeriseTool(name = "staticdir")
public final class StaticDirTool implements Tool {

    private static final Logger LOG = LoggerFactory.getLogger("org.cerise.tool.static");

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("section", "dir", "root", "match", "content_types", "index", "debug", "cache_max_size",
                "cache_max_file_size");
        String dir = setup.stringArg("dir", null);
        if (dir == null || dir.isEmpty()) {
            throw setup.badArg("dir", "must name the folder to serve, e.g. '/var/www/static' or 'bundle:/public'");
        }
        String section = setup.stringArg("section", "/");
        if (section.equals("global")) {
            section = "/";
        }
        // CherryPy: section.rstrip('\\/'), then path_info[len(section) + 1:]
        int end = section.length();
        while (end > 0 && (section.charAt(end - 1) == '/' || section.charAt(end - 1) == '\\')) {
            end--;
        }
        int skip = end + 1;
        Pattern match = Scopes.match(setup);
        String index = setup.stringArg("index", "");
        boolean debug = setup.booleanArg("debug", false);
        ContentTypes types = ContentTypes.read(setup);
        Folder folder = Locations.folder(setup, "dir", dir, setup.stringArg("root", ""), types, Scopes.cache(setup),
                Scopes.maxFile(setup), LOG);
        if (debug) {
            LOG.info("TOOLS.STATICDIR {} serves {} (index '{}', match '{}')", setup.path(), folder.describe(), index,
                    match);
        }
        setup.hook(HookPoint.BEFORE_HANDLER, setup.priority(Scopes.PRIORITY), false,
                (request, response) -> serve(request, response, skip, match, index, folder, debug));
    }

    private static void serve(Request request, Response response, int skip, Pattern match, String index,
            Folder folder, boolean debug) throws Exception {
        if (!Scopes.readMethod(request.method())) {
            return;
        }
        String pathInfo = request.pathInfo();
        if (match != null && !match.matcher(pathInfo).find()) {
            if (debug) {
                LOG.info("TOOLS.STATICDIR request.path_info '{}' does not match pattern '{}'", pathInfo, match);
            }
            return;
        }
        String rel = Branches.normalize(pathInfo.length() > skip ? pathInfo.substring(skip) : "");
        if (rel == Branches.FORBIDDEN) {
            throw new HttpError(403);
        }
        if (rel == Branches.NOT_A_FILE) {
            return;
        }
        StaticFile file = folder.find(rel);
        if (file == null && !index.isEmpty()) {
            String at = Branches.normalize(rel.isEmpty() ? index : rel + "/" + index);
            if (at != Branches.FORBIDDEN && at != Branches.NOT_A_FILE) {
                file = folder.find(at);
            }
        }
        if (debug) {
            LOG.info("TOOLS.STATICDIR '{}' in {}: {}", rel, folder.describe(), file == null ? "not found" : file);
        }
        if (file == null) {
            return;
        }
        Sender.send(request, response, file, file.contentType, null);
        // CherryPy's HandlerTool: request.handler = None; later before_handler hooks (encode)
        // then leave the answer alone, as in CherryPy
        request.setHandler(null);
    }
}
