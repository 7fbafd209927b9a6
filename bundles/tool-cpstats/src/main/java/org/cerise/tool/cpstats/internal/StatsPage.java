package org.cerise.tool.cpstats.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.cerise.api.Config;
import org.cerise.api.Expose;
import org.cerise.api.HttpRedirect;
import org.cerise.api.Response;
import org.cerise.tool.cpstats.RequestStatistics;

/**
 * CherryPy's {@code cpstats.StatsPage} as a Cerise app: {@code index} renders every namespace
 * as HTML tables, {@code data} answers the same numbers as JSON, and the POST-only
 * {@code pause} and {@code resume} switch collection off and on. The markup and the formatting
 * of values are CherryPy's, except that values are HTML-escaped (CherryPy writes request lines
 * into the page as they came).
 */
public final class StatsPage {

    /** A column CherryPy leaves out of the page (its formatting is {@code None}). */
    private static final Function<Object, String> HIDDEN = v -> "";
    private static final Function<Object, String> F3 = Py::f3;
    private static final Function<Object, String> ISO = Py::iso;
    private static final Function<Object, String> STR = Py::str;

    /** CherryPy's {@code StatsPage.formatting} for the application namespaces. */
    private static final Map<String, Function<Object, String>> SCALARS = Map.of("Bytes Read/Request", F3,
            "Bytes Read/Second", F3, "Bytes Written/Request", F3, "Bytes Written/Second", F3, "Current Time", ISO,
            "Requests/Second", F3, "Start Time", ISO, "Total Time", F3, "Uptime", F3);
    private static final Map<String, Map<String, Function<Object, String>>> COLLECTIONS = Map.of(
            "Requests", formats("Bytes Read", STR, "Bytes Written", STR, "End Time", HIDDEN, "Processing Time", F3,
                    "Start Time", HIDDEN),
            "Slow Queries", formats("End Time", HIDDEN, "Processing Time", F3, "Start Time", ISO),
            "URI Set Tracking", formats("Avg", F3, "Max", F3, "Min", F3, "Sum", F3));

    private final RequestStatistics statistics;

    /** @param statistics what the page shows */
    public StatsPage(RequestStatistics statistics) {
        this.statistics = statistics;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Function<Object, String>> formats(Object... pairs) {
        Map<String, Function<Object, String>> m = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Function<Object, String>) pairs[i + 1]);
        }
        return m;
    }

    /** @return the statistics page */
    @Expose
    public String index() {
        StringBuilder out = new StringBuilder(8192);
        out.append("\n<html>\n<head>\n    <title>Statistics</title>\n<style>\n\nth, td {\n    padding: 0.25em 0.5em;\n"
                + "    border: 1px solid #666699;\n}\n\ntable {\n    border-collapse: collapse;\n}\n\ntable.stats1 {\n"
                + "    width: 100%;\n}\n\ntable.stats1 th {\n    font-weight: bold;\n    text-align: right;\n"
                + "    background-color: #CCD5DD;\n}\n\ntable.stats2, h2 {\n    margin-left: 50px;\n}\n\n"
                + "table.stats2 th {\n    font-weight: bold;\n    text-align: center;\n    background-color: #CCD5DD;\n}\n\n"
                + "</style>\n</head>\n<body>\n");
        for (Map.Entry<String, Map<String, Object>> ns : Namespaces.of(statistics.snapshot()).entrySet()) {
            namespace(ns.getKey(), ns.getValue(), out);
        }
        out.append("\n</body>\n</html>\n");
        return out.toString();
    }

    private static void namespace(String title, Map<String, Object> ns, StringBuilder out) {
        String t = escape(title);
        out.append("\n<h1>").append(t).append("</h1>\n\n<table class='stats1'>\n    <tbody>\n");
        List<String[]> collections = new ArrayList<>();
        int i = 0;
        int colnum = 0;
        for (Map.Entry<String, Object> e : ns.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (v instanceof Map || v instanceof List) {
                collections.add(new String[] {key});
                continue;
            }
            String value;
            if (key.equals("Enabled")) {
                value = pauseResume(title, Boolean.TRUE.equals(v));
            } else {
                Function<Object, String> f = SCALARS.get(key);
                value = escape(f == null ? Py.str(v) : f.apply(v));
            }
            colnum = i % 3;
            if (colnum == 0) {
                out.append("\n        <tr>");
            }
            out.append("\n            <th>").append(escape(key)).append("</th><td id='").append(t).append('-')
                    .append(escape(key)).append("'>").append(value).append("</td>");
            if (colnum == 2) {
                out.append("\n        </tr>");
            }
            i++;
        }
        if (colnum == 0) {
            out.append("\n            <th></th><td></td>\n            <th></th><td></td>\n        </tr>");
        } else if (colnum == 1) {
            out.append("\n            <th></th><td></td>\n        </tr>");
        }
        out.append("\n    </tbody>\n</table>");
        for (String[] c : collections) {
            collection(c[0], ns.get(c[0]), out);
        }
    }

    /** CherryPy's {@code get_dict_collection} (with an ID column) and {@code get_list_collection}. */
    private static void collection(String subtitle, Object value, StringBuilder out) {
        Map<String, Function<Object, String>> formats = COLLECTIONS.getOrDefault(subtitle, Map.of());
        List<Object> ids = new ArrayList<>();
        List<Map<?, ?>> records = new ArrayList<>();
        if (value instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                ids.add(e.getKey());
                records.add((Map<?, ?>) e.getValue());
            }
        } else {
            for (Object r : (List<?>) value) {
                records.add((Map<?, ?>) r);
            }
        }
        List<String> headers = new ArrayList<>();
        for (Map<?, ?> r : records) {
            for (Object k : r.keySet()) {
                String key = (String) k;
                if (formats.get(key) != HIDDEN && !headers.contains(key)) {
                    headers.add(key);
                }
            }
        }
        headers.sort(null);
        out.append("\n<h2>").append(escape(subtitle)).append("</h2>\n<table class='stats2'>\n    <thead>\n        <tr>");
        if (value instanceof Map) {
            out.append("\n            <th>ID</th>");
        }
        for (String h : headers) {
            out.append("\n            <th>").append(escape(h)).append("</th>");
        }
        out.append("\n        </tr>\n    </thead>\n    <tbody>");
        for (int r = 0; r < records.size(); r++) {
            out.append("\n        <tr>");
            if (value instanceof Map) {
                out.append("\n            <td>").append(escape(Py.str(ids.get(r)))).append("</td>");
            }
            Map<?, ?> record = records.get(r);
            for (String h : headers) {
                Object v = record.containsKey(h) ? record.get(h) : "";
                Function<Object, String> f = formats.get(h);
                out.append("\n            <td>").append(escape(f == null ? Py.str(v) : f.apply(v))).append("</td>");
            }
            out.append("\n        </tr>");
        }
        out.append("\n    </tbody>\n</table>");
    }

    /** CherryPy's {@code pause_resume}: the form buttons in the {@code Enabled} cell. */
    private static String pauseResume(String namespace, boolean enabled) {
        String ns = escape(namespace);
        String pauseDisabled = enabled ? "" : "disabled=\"disabled\" ";
        String resumeDisabled = enabled ? "disabled=\"disabled\" " : "";
        return "\n            <form action=\"pause\" method=\"POST\" style=\"display:inline\">\n"
                + "            <input type=\"hidden\" name=\"namespace\" value=\"" + ns + "\" />\n"
                + "            <input type=\"submit\" value=\"Pause\" " + pauseDisabled + "/>\n"
                + "            </form>\n"
                + "            <form action=\"resume\" method=\"POST\" style=\"display:inline\">\n"
                + "            <input type=\"hidden\" name=\"namespace\" value=\"" + ns + "\" />\n"
                + "            <input type=\"submit\" value=\"Resume\" " + resumeDisabled + "/>\n"
                + "            </form>\n            ";
    }

    private static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            String r;
            switch (s.charAt(i)) {
                case '&': r = "&amp;"; break;
                case '<': r = "&lt;"; break;
                case '>': r = "&gt;"; break;
                case '"': r = "&quot;"; break;
                case '\'': r = "&#x27;"; break;
                default: r = null;
            }
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(s.charAt(i));
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * @param response the response, for its {@code Content-Type}
     * @return every namespace as JSON, as CherryPy's {@code json.dumps(s, sort_keys=True, indent=4)}
     */
    @Expose
    public byte[] data(Response response) {
        response.setHeader("Content-Type", "application/json");
        return Py.json(Namespaces.of(statistics.snapshot())).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Pauses collection (POST only) and redirects to the page.
     *
     * @param namespace the namespace to pause; only {@code CherryPy Applications} has a switch,
     *                  any other name is ignored, as in CherryPy
     */
    @Expose
    @Config("hooks.on_start_resource = 'org.cerise.tool.cpstats.internal.PostOnly'")
    public void pause(String namespace) {
        if (Namespaces.APPLICATIONS.equals(namespace)) {
            statistics.setEnabled(false);
        }
        throw new HttpRedirect("./");
    }

    /**
     * Resumes collection (POST only) and redirects to the page.
     *
     * @param namespace as for {@link #pause}
     */
    @Expose
    @Config("hooks.on_start_resource = 'org.cerise.tool.cpstats.internal.PostOnly'")
    public void resume(String namespace) {
        if (Namespaces.APPLICATIONS.equals(namespace)) {
            statistics.setEnabled(true);
        }
        throw new HttpRedirect("./");
    }
}
