package org.cerise.admin.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.cerise.api.runtime.AppInfo;
import org.cerise.api.runtime.DispatcherInfo;
import org.cerise.api.runtime.RequestCounters;
import org.cerise.api.runtime.RuntimeModel;
import org.cerise.api.runtime.SessionInfo;
import org.cerise.api.runtime.ToolInfo;
import org.owasp.encoder.Encode;

/**
 * The read-only HTML of the Web Console's Cerise pages, built from the runtime model. Every value
 * is HTML-escaped: app names, reasons and store errors come from bundles and configs that the
 * admin does not control.
 */
final class ConsolePages {

    private ConsolePages() {
    }

    static String apps(RuntimeModel model) {
        return table(List.of("Name", "Mount", "Bundle", "State", "Reason", "Dispatchers", "Tools", "Requests"),
                model.apps(), (AppInfo a) -> List.of(a.name(), a.mount(), a.bundle() + " " + a.bundleVersion(), a.state(),
                        a.reason() == null ? "" : a.reason(), String.join(", ", a.dispatchers()),
                        String.join(", ", a.tools()), String.valueOf(a.requests())));
    }

    static String tools(RuntimeModel model) {
        return table(List.of("Name", "Bundle", "Service id"), model.tools(),
                (ToolInfo t) -> List.of(t.name(), t.bundle() + " " + t.bundleVersion(), String.valueOf(t.serviceId())));
    }

    static String dispatchers(RuntimeModel model) {
        return table(List.of("Name", "Bundle", "Service id"), model.dispatchers(),
                (DispatcherInfo d) -> List.of(d.name(), d.bundle() + " " + d.bundleVersion(), String.valueOf(d.serviceId())));
    }

    static String sessions(RuntimeModel model) {
        SessionInfo s = model.sessions();
        if (s == null) {
            return "<p>No sessions tool is installed.</p>";
        }
        StringBuilder out = new StringBuilder();
        out.append(table(List.of("Configured store", "Active store", "Draining"), List.of(s),
                (SessionInfo i) -> List.of(String.valueOf(i.configured()), i.active() == null ? "(none: the configured store is missing)" : i.active(),
                        String.join(", ", i.draining()))));
        out.append(table(List.of("Store", "Bundle", "Sessions", "Error"), s.stores(),
                (SessionInfo.StoreInfo t) -> List.of(t.name(), t.bundle(), t.sessions() < 0 ? "unknown" : String.valueOf(t.sessions()),
                        t.error() == null ? "" : t.error())));
        return out.toString();
    }

    static String requests(RuntimeModel model) {
        RequestCounters r = model.requests();
        StringBuilder out = new StringBuilder();
        out.append(table(List.of("Total", "Per second (last minute)"), List.of(r),
                (RequestCounters c) -> List.of(String.valueOf(c.total()), String.format(java.util.Locale.ROOT, "%.2f", c.perSecondLastMinute()))));
        out.append(table(List.of("Status", "Requests"), List.copyOf(r.perStatus().entrySet()),
                (Map.Entry<String, Long> e) -> List.of(e.getKey(), String.valueOf(e.getValue()))));
        out.append(table(List.of("App", "Requests"), List.copyOf(r.perApp().entrySet()),
                (Map.Entry<String, Long> e) -> List.of(e.getKey(), String.valueOf(e.getValue()))));
        return out.toString();
    }

    /** A table in the console's own style (class {@code nicetable}). */
    static <T> String table(List<String> headers, List<T> rows, Function<T, List<String>> cells) {
        return table(headers, rows, cells, null);
    }

    /**
     * As {@link #table(List, List, Function)}, with a last column of markup made by the page
     * (forms), not escaped: it must escape what it shows itself.
     */
    static <T> String table(List<String> headers, List<T> rows, Function<T, List<String>> cells,
            Function<T, String> rawLast) {
        StringBuilder out = new StringBuilder("<table class=\"nicetable\"><thead><tr>");
        for (String h : headers) {
            out.append("<th>").append(Encode.forHtml(h)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        if (rows.isEmpty()) {
            out.append("<tr><td colspan=\"").append(headers.size()).append("\">(none)</td></tr>");
        }
        for (T row : rows) {
            out.append("<tr>");
            for (String c : cells.apply(row)) {
                out.append("<td>").append(Encode.forHtml(c == null ? "" : c)).append("</td>");
            }
            if (rawLast != null) {
                out.append("<td>").append(rawLast.apply(row)).append("</td>");
            }
            out.append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }
}
