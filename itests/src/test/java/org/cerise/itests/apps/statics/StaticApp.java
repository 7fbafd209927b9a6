package org.cerise.itests.apps.statics;

import java.nio.file.Path;

import org.cerise.api.Expose;
import org.cerise.tool.staticfiles.Static;

/**
 * The static files test app: its config (written by StaticIT) serves {@code /static} from the
 * bundle's own {@code public/} folder and {@code /disk} from a folder on disk; handlers serve
 * files with the API. It has no default handler: a request the tools let fall through is a 404.
 */
public class StaticApp {

    @Expose
    public String index() {
        return "static app";
    }

    @Expose
    public Object download(String path) {
        return Static.serveDownload(Path.of(path), "r\u00e9sum\u00e9.txt");
    }
}
