package org.cerise.admin.internal;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cerise.api.runtime.AppControl;
import org.cerise.api.runtime.AppInfo;
import org.cerise.api.runtime.Explanation;
import org.cerise.api.runtime.RecentRequest;
import org.cerise.api.runtime.RequestCounters;
import org.cerise.api.runtime.SessionInfo;
import org.owasp.encoder.Encode;

/**
 * The HTML of the console's Cerise pages that act or update live. Every value from the model is
 * escaped (app names, reasons and errors come from bundles the admin does not control); the
 * scripts are the pages' own few lines, polling the JSON API under {@code /cerise/api/} with the
 * browser's credentials (the same realm as the console).
 */
final class ConsoleViews {

    private ConsoleViews() {
    }

    static String apps(ConsolePlugin.View v) {
        ConsolePlugin.Forms f = v.forms();
        StringBuilder out = new StringBuilder();
        out.append(ConsolePages.table(List.of("Name", "Mount", "Bundle", "State", "Reason", "Dispatchers", "Tools",
                "Requests", "Actions"), v.model().apps(),
                (AppInfo a) -> List.of(a.name(), a.mount(), a.bundle() + " " + a.bundleVersion(), a.state(),
                        a.reason() == null ? "" : a.reason(), String.join(", ", a.dispatchers()),
                        String.join(", ", a.tools()), String.valueOf(a.requests())),
                (AppInfo a) -> {
                    Map<String, String> app = Map.of("app", a.name());
                    String toggle = AppControl.UNMOUNTED.equals(a.state()) ? f.button("mount", "Mount", app)
                            : f.button("unmount", "Unmount", app);
                    return toggle + " " + f.button("restart", "Restart", app) + " <a href=\"cerise-config?app="
                            + Encode.forUriComponent(a.name()) + "\">Config</a>";
                }));
        out.append("<h3>Upload an app bundle</h3><p>A jar that is an OSGi bundle whose imports the container provides. ")
                .append("It is hot-deployed like a jar dropped into <code>deploy/</code>; a bundle of the same symbolic ")
                .append("name is replaced.</p>")
                .append(f.open("deploy", true, Map.of()))
                .append("<input type=\"file\" name=\"bundle\" accept=\".jar\"> ")
                .append("<button type=\"submit\" class=\"ui-button\">Upload and deploy</button></form>");
        return out.toString();
    }

    static String config(ConsolePlugin.View v) {
        String app = v.request().getParameter("app");
        StringBuilder out = new StringBuilder("<form method=\"get\">App: <select name=\"app\" onchange=\"this.form.submit()\">");
        AppInfo chosen = null;
        out.append("<option value=\"\">(choose)</option>");
        for (AppInfo a : v.model().apps()) {
            boolean selected = a.name().equals(app);
            if (selected) {
                chosen = a;
            }
            out.append("<option value=\"").append(Encode.forHtmlAttribute(a.name())).append('"')
                    .append(selected ? " selected" : "").append('>').append(Encode.forHtml(a.name() + " (" + a.mount() + ")"))
                    .append("</option>");
        }
        out.append("</select> <button type=\"submit\" class=\"ui-button\">Show</button></form>");
        if (chosen == null) {
            return out.append("<p>Choose an app to see and edit its run-time config (factory PID <code>org.cerise.app</code>, ")
                    .append("the same as an <code>org.cerise.app-NAME.cfg</code> file).</p>").toString();
        }
        ConsolePlugin.Forms f = v.forms();
        Map<String, String> overrides;
        String source;
        try {
            overrides = v.actions().overrides(chosen.name());
            source = v.actions().overridesSource(chosen.name());
        } catch (IOException | RuntimeException e) {
            return out.append("<p class=\"ui-state-error\">").append(Encode.forHtml("Cannot read the overrides: " + e))
                    .append("</p>").toString();
        }
        String name = chosen.name();
        out.append("<h3>Overrides of ").append(Encode.forHtml(name)).append("</h3><p>Stored in ")
                .append(Encode.forHtml(source)).append(". Keys apply to <code>[/]</code>, or to a section written ")
                .append("<code>[/path]key</code>; values are Python literals (<code>True</code>, <code>42</code>, ")
                .append("<code>'text'</code>). A value the app cannot mount with is refused and changes nothing.</p>");
        out.append(ConsolePages.table(List.of("Key", "Value", ""), List.copyOf(overrides.entrySet()),
                (Map.Entry<String, String> e) -> List.of(e.getKey(), e.getValue()),
                (Map.Entry<String, String> e) -> f.button("remove", "Remove", Map.of("app", name, "key", e.getKey()))));
        out.append("<p>").append(f.open("set", false, Map.of("app", name)))
                .append("<input name=\"key\" placeholder=\"tools.gzip.on\" size=\"40\"> = ")
                .append("<input name=\"value\" placeholder=\"True\" size=\"30\"> ")
                .append("<button type=\"submit\" class=\"ui-button\">Set</button></form></p>");
        String root = chosen.mount().equals("/") ? "/" : chosen.mount() + "/";
        Explanation e = v.model().explain(root);
        out.append("<h3>Config in force at ").append(Encode.forHtml(root)).append("</h3>");
        out.append(ConsolePages.table(List.of("Key", "Value"), List.copyOf(e.config().entrySet()),
                (Map.Entry<String, String> x) -> List.of(x.getKey(), x.getValue())));
        return out.toString();
    }

    static String explain(ConsolePlugin.View v) {
        String path = v.request().getParameter("path");
        StringBuilder out = new StringBuilder("<form method=\"get\">Path: <input name=\"path\" size=\"60\" value=\"")
                .append(Encode.forHtmlAttribute(path == null ? "/" : path))
                .append("\"> <button type=\"submit\" class=\"ui-button\">Explain</button></form>")
                .append("<p>Which app, dispatcher, handler, config and tools would serve a GET of the path ")
                .append("(routed as a request would be; no handler or tool runs).</p>");
        if (path == null || path.isEmpty()) {
            return out.toString();
        }
        Explanation e = v.model().explain(path);
        out.append("<table class=\"nicetable\" id=\"cerise-explanation\"><tbody>");
        row(out, "Path", e.path());
        row(out, "App", e.app() == null ? "(none)" : e.app());
        row(out, "Mount", e.mount());
        row(out, "State", e.state());
        row(out, "Dispatcher", e.dispatcher());
        row(out, "Handler", e.handler());
        row(out, "Virtual path", String.join("/", e.vpath()));
        row(out, "Tools", String.join(", ", e.tools()));
        row(out, "Note", e.note());
        out.append("</tbody></table><h3>Config</h3>");
        out.append(ConsolePages.table(List.of("Key", "Value"), List.copyOf(e.config().entrySet()),
                (Map.Entry<String, String> x) -> List.of(x.getKey(), x.getValue())));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th>").append(Encode.forHtml(name)).append("</th><td>")
                .append(Encode.forHtml(value == null ? "" : value)).append("</td></tr>");
    }

    static String sessions(ConsolePlugin.View v) {
        SessionInfo s = v.model().sessions();
        if (s == null) {
            return "<p>No sessions tool is installed.</p>";
        }
        Map<String, Long> counts = new java.util.HashMap<>();
        s.stores().forEach(t -> counts.put(t.name(), t.sessions()));
        List<String> draining = new ArrayList<>();
        for (String d : s.draining()) {
            Long n = counts.get(d);
            draining.add(d + " (" + (n == null || n < 0 ? "?" : n) + " left)");
        }
        StringBuilder out = new StringBuilder();
        out.append("<table class=\"nicetable\"><thead><tr><th>Configured store</th><th>Active store</th>")
                .append("<th>Draining (sessions left to move)</th></tr></thead><tbody><tr><td id=\"cerise-configured\">")
                .append(Encode.forHtml(String.valueOf(s.configured()))).append("</td><td id=\"cerise-active\">")
                .append(Encode.forHtml(s.active() == null ? "(none: the configured store is missing)" : s.active()))
                .append("</td><td id=\"cerise-draining\">").append(Encode.forHtml(draining.isEmpty() ? "none" : String.join(", ", draining)))
                .append("</td></tr></tbody></table>");
        out.append("<table class=\"nicetable\" id=\"cerise-stores\"><thead><tr><th>Store</th><th>Bundle</th><th>Sessions</th>")
                .append("<th>Error</th></tr></thead><tbody>");
        for (SessionInfo.StoreInfo t : s.stores()) {
            out.append("<tr data-store=\"").append(Encode.forHtmlAttribute(t.name())).append("\"><td>")
                    .append(Encode.forHtml(t.name())).append("</td><td>").append(Encode.forHtml(t.bundle()))
                    .append("</td><td class=\"count\">").append(t.sessions() < 0 ? "unknown" : String.valueOf(t.sessions()))
                    .append("</td><td class=\"error\">").append(Encode.forHtml(t.error() == null ? "" : t.error()))
                    .append("</td></tr>");
        }
        out.append("</tbody></table><p id=\"cerise-live\"></p>");
        out.append("<h3>Switch the session store</h3><p>The chosen store becomes the container's default (PID ")
                .append("<code>org.cerise.session</code>, key <code>store</code>); sessions move over while requests ")
                .append("are served, and the table above follows the move every second.</p>")
                .append(v.forms().open("store", false, Map.of())).append("<select name=\"store\">");
        for (SessionInfo.StoreInfo t : s.stores()) {
            out.append("<option").append(t.name().equals(s.active()) ? " selected" : "").append(" value=\"")
                    .append(Encode.forHtmlAttribute(t.name())).append("\">").append(Encode.forHtml(t.name())).append("</option>");
        }
        out.append("</select> <button type=\"submit\" class=\"ui-button\">Switch</button></form>");
        out.append("<script>").append(SESSIONS_JS).append("</script>");
        return out.toString();
    }

    private static final String SESSIONS_JS = """
            (function () {
              function put(id, text) { var e = document.getElementById(id); if (e) { e.textContent = text; } }
              function tick() {
                fetch('/cerise/api/sessions', {credentials: 'same-origin', cache: 'no-store'})
                  .then(function (r) { return r.ok ? r.json() : null; })
                  .then(function (s) {
                    if (!s || !s.stores) { return; }
                    var counts = {};
                    s.stores.forEach(function (t) {
                      counts[t.name] = t.sessions;
                      document.querySelectorAll('#cerise-stores tr[data-store]').forEach(function (row) {
                        if (row.getAttribute('data-store') === t.name) {
                          row.querySelector('.count').textContent = t.sessions < 0 ? 'unknown' : String(t.sessions);
                          row.querySelector('.error').textContent = t.error || '';
                        }
                      });
                    });
                    put('cerise-configured', String(s.configured));
                    put('cerise-active', s.active || '(none: the configured store is missing)');
                    put('cerise-draining', s.draining.length === 0 ? 'none' : s.draining.map(function (n) {
                      return n + ' (' + (counts[n] === undefined || counts[n] < 0 ? '?' : counts[n]) + ' left)';
                    }).join(', '));
                    put('cerise-live', 'Live: updated ' + new Date().toLocaleTimeString());
                  })
                  .catch(function (e) { put('cerise-live', 'Live update failed: ' + e); })
                  .then(function () { setTimeout(tick, 1000); });
              }
              tick();
            })();
            """;

    static String requests(ConsolePlugin.View v) {
        RequestCounters r = v.model().requests();
        StringBuilder out = new StringBuilder();
        out.append("<table class=\"nicetable\"><thead><tr><th>Total</th><th>Per second (last minute)</th>")
                .append("<th>Per second (now)</th></tr></thead><tbody><tr><td id=\"cerise-total\">").append(r.total())
                .append("</td><td>").append(String.format(Locale.ROOT, "%.2f", r.perSecondLastMinute()))
                .append("</td><td id=\"cerise-rate\">-</td></tr></tbody></table>");
        out.append("<h3>Requests per second, last 60 s</h3>")
                .append("<svg id=\"cerise-chart\" width=\"640\" height=\"180\" viewBox=\"0 0 640 180\" ")
                .append("style=\"border:1px solid #ccc;background:#fff\" role=\"img\" aria-label=\"request rate\">")
                .append("<line x1=\"40\" y1=\"160\" x2=\"630\" y2=\"160\" stroke=\"#999\"/>")
                .append("<line x1=\"40\" y1=\"10\" x2=\"40\" y2=\"160\" stroke=\"#999\"/>")
                .append("<text id=\"cerise-chart-max\" x=\"4\" y=\"16\" font-size=\"11\">0</text>")
                .append("<text x=\"4\" y=\"164\" font-size=\"11\">0</text>")
                .append("<text x=\"40\" y=\"176\" font-size=\"11\">60 s ago</text>")
                .append("<text x=\"600\" y=\"176\" font-size=\"11\">now</text>")
                .append("<polyline id=\"cerise-chart-line\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" points=\"\"/>")
                .append("</svg>");
        out.append(recent(v.model().recent()));
        out.append(ConsolePages.table(List.of("Status", "Requests"), List.copyOf(r.perStatus().entrySet()),
                (Map.Entry<String, Long> e) -> List.of(e.getKey(), String.valueOf(e.getValue()))));
        out.append(ConsolePages.table(List.of("App", "Requests"), List.copyOf(r.perApp().entrySet()),
                (Map.Entry<String, Long> e) -> List.of(e.getKey(), String.valueOf(e.getValue()))));
        out.append("<script>").append(REQUESTS_JS).append("</script>");
        return out.toString();
    }

    /** The columns of the recent requests, here and in {@link #REQUESTS_JS}. */
    private static final List<String> RECENT_COLUMNS = List.of("Time", "App", "Method", "Path", "Status", "ms", "Remote address");

    /**
     * The table of recent requests as the page first shows it; the script redraws it from
     * {@code /cerise/api/requests/recent} with the chart's polling. Paths and query strings come
     * from clients: every cell is escaped here and set as text (never as markup) there.
     */
    static String recent(List<RecentRequest> list) {
        StringBuilder out = new StringBuilder("<h3>Recent requests</h3><p>The last requests the apps served, newest first ")
                .append("(the core keeps 100; paths and query strings cut after ").append(RecentRequest.MAX_TEXT)
                .append(" characters).</p><table class=\"nicetable\" id=\"cerise-recent\"><thead><tr>");
        for (String h : RECENT_COLUMNS) {
            out.append("<th>").append(Encode.forHtml(h)).append("</th>");
        }
        out.append("</tr></thead><tbody data-top=\"").append(list.isEmpty() ? -1 : list.get(0).sequence()).append("\">");
        if (list.isEmpty()) {
            out.append("<tr><td colspan=\"").append(RECENT_COLUMNS.size()).append("\">(none yet)</td></tr>");
        }
        for (RecentRequest q : list) {
            out.append("<tr data-sequence=\"").append(q.sequence()).append("\"><td title=\"")
                    .append(Encode.forHtmlAttribute(q.time().toString())).append("\">")
                    .append(Encode.forHtml(TIME.format(q.time()))).append("</td>");
            for (String c : List.of(q.app(), q.method(), q.query().isEmpty() ? q.path() : q.path() + "?" + q.query(),
                    String.valueOf(q.status()), String.format(Locale.ROOT, "%.3f", q.millis()),
                    q.remoteAddress() == null ? "" : q.remoteAddress())) {
                out.append("<td>").append(Encode.forHtml(c)).append("</td>");
            }
            out.append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    /** The page's first rendering shows the server's local time; the script then the browser's. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /**
     * One sample a second; the rate is the difference of two totals over the time between them.
     * The same tick redraws the recent requests, only when a newer one arrived.
     */
    private static final String REQUESTS_JS = """
            (function () {
              var rates = [], last = null, line = document.getElementById('cerise-chart-line');
              function draw() {
                var max = 1;
                rates.forEach(function (r) { if (r > max) { max = r; } });
                max = Math.ceil(max);
                var points = rates.map(function (r, i) {
                  var x = 630 - (rates.length - 1 - i) * 10, y = 160 - (r / max) * 150;
                  return x.toFixed(1) + ',' + y.toFixed(1);
                });
                line.setAttribute('points', points.join(' '));
                document.getElementById('cerise-chart-max').textContent = String(max);
              }
              function tick() {
                fetch('/cerise/api/requests', {credentials: 'same-origin', cache: 'no-store'})
                  .then(function (r) { return r.ok ? r.json() : null; })
                  .then(function (c) {
                    if (!c) { return; }
                    var now = performance.now();
                    if (last) {
                      var rate = (c.total - last.total) / ((now - last.at) / 1000);
                      rates.push(Math.max(0, rate));
                      if (rates.length > 60) { rates.shift(); }
                      document.getElementById('cerise-rate').textContent = rate.toFixed(1);
                      draw();
                    }
                    last = {total: c.total, at: now};
                    document.getElementById('cerise-total').textContent = String(c.total);
                    return fetch('/cerise/api/requests/recent', {credentials: 'same-origin', cache: 'no-store'});
                  })
                  .then(function (r) { return r && r.ok ? r.json() : null; })
                  .then(function (list) { if (list) { recent(list); } })
                  .catch(function () {})
                  .then(function () { setTimeout(tick, 1000); });
              }
              // Paths and query strings come from clients: cells get text, never markup.
              function cell(tr, text) {
                var td = document.createElement('td');
                td.textContent = text;
                tr.appendChild(td);
                return td;
              }
              function two(n) { return (n < 10 ? '0' : '') + n; }
              function recent(list) {
                var body = document.querySelector('#cerise-recent tbody');
                var top = list.length ? String(list[0].sequence) : '-1';
                if (!body || body.getAttribute('data-top') === top) { return; }
                body.setAttribute('data-top', top);
                var rows = document.createDocumentFragment();
                if (!list.length) {
                  var none = document.createElement('tr');
                  cell(none, '(none yet)').colSpan = 7;
                  rows.appendChild(none);
                }
                list.forEach(function (q) {
                  var tr = document.createElement('tr');
                  tr.setAttribute('data-sequence', String(q.sequence));
                  var t = new Date(q.time);
                  cell(tr, two(t.getHours()) + ':' + two(t.getMinutes()) + ':' + two(t.getSeconds()) + '.'
                    + String(t.getMilliseconds()).padStart(3, '0')).title = String(q.time);
                  cell(tr, q.app);
                  cell(tr, q.method);
                  cell(tr, q.query ? q.path + '?' + q.query : q.path);
                  cell(tr, String(q.status));
                  cell(tr, Number(q.millis).toFixed(3));
                  cell(tr, q.remoteAddress || '');
                  rows.appendChild(tr);
                });
                while (body.firstChild) { body.removeChild(body.firstChild); }
                body.appendChild(rows);
              }
              tick();
            })();
            """;
}
