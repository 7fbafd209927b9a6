package org.cerise.itests.apps.toolbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.cerise.api.Cerise;
import org.cerise.api.Expose;
import org.cerise.api.Request;

/**
 * An app that uses the toolbox, each path with the tool its config section turns on
 * ({@code app.conf} beside this class): gzip, JSON in and out, Basic and Digest auth, caching,
 * ETags and CORS.
 */
public class ToolboxApp {

    /** How often the cached handler really ran. */
    static final AtomicInteger CACHED_RUNS = new AtomicInteger();

    public final Api api = new Api();
    public final Basic basic = new Basic();
    public final Digest digest = new Digest();

    /** Long text, so that gzip has something to do. */
    @Expose
    public String big() {
        return "Cerise compresses this line. ".repeat(200);
    }

    @Expose
    public String cached() {
        return "run " + CACHED_RUNS.incrementAndGet();
    }

    @Expose
    public String tagged() {
        return "tagged content";
    }

    /** JSON under /api. */
    public static class Api {
        @Expose
        public Map<String, Object> status() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", "cerise");
            out.put("tools", List.of("json_out", "gzip"));
            return out;
        }

        @Expose
        public Map<String, Object> echo(Request request) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("received", request.json());
            return out;
        }
    }

    /** Behind Basic auth. */
    public static class Basic {
        @Expose
        public String index() {
            return "hello " + Cerise.request().login();
        }
    }

    /** Behind Digest auth. */
    public static class Digest {
        @Expose
        public String index() {
            return "hello " + Cerise.request().login();
        }
    }
}
