package org.cerise.admin.internal;

import static org.cerise.admin.internal.HtmlAssertions.assertContains;
import static org.cerise.admin.internal.HtmlAssertions.assertLacks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.cerise.api.runtime.AppInfo;
import org.cerise.api.runtime.DispatcherInfo;
import org.cerise.api.runtime.Explanation;
import org.cerise.api.runtime.RecentRequest;
import org.cerise.api.runtime.RequestCounters;
import org.cerise.api.runtime.RuntimeModel;
import org.cerise.api.runtime.SessionInfo;
import org.cerise.api.runtime.ToolInfo;
import org.junit.jupiter.api.Test;

/** The Web Console's Cerise pages: the model's values in table cells, escaped. */
class ConsolePagesTest {

    /** A model whose app carries markup in its name and reason, as a hostile bundle could. */
    private static final RuntimeModel MODEL = new RuntimeModel() {
        @Override
        public List<AppInfo> apps() {
            return List.of(new AppInfo("<script>x</script>", "/a", "org.example.a", "1.0.0", "FAILED",
                    "config key 'tools.gzip.on' = \"maybe\" & more", List.of("default"), List.of("gzip"), 3));
        }

        @Override
        public List<ToolInfo> tools() {
            return List.of();
        }

        @Override
        public List<DispatcherInfo> dispatchers() {
            return List.of(new DispatcherInfo("default", "org.cerise.core", "0.1.0", 7));
        }

        @Override
        public SessionInfo sessions() {
            return new SessionInfo("ram", "ram", List.of(), List.of(new SessionInfo.StoreInfo("ram", "b", 2, null),
                    new SessionInfo.StoreInfo("redis", "r", -1, "refused <conn>")));
        }

        @Override
        public RequestCounters requests() {
            return new RequestCounters(5, java.util.Map.of("a", 5L), java.util.Map.of("2xx", 4L, "5xx", 1L), 0.5);
        }

        @Override
        public Explanation explain(String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<RecentRequest> recent() {
            return List.of(new RecentRequest(8, Instant.parse("2026-11-21T12:00:01.250Z"), "a", "GET",
                    "/a/<script>alert(1)</script>", "x=\"><img src=x onerror=alert(2)>", 404, 1.5, "10.0.0.7"),
                    new RecentRequest(7, Instant.parse("2026-11-21T12:00:00Z"), "a", "POST", "/a/form", "", 303, 0.25,
                            null));
        }
    };

    @Test
    void appsAreRowsWithEscapedValues() {
        String html = ConsolePages.apps(MODEL);
        assertLacks(html, "<script>");
        assertContains(html,
                "<td>&lt;script&gt;x&lt;/script&gt;</td><td>/a</td><td>org.example.a 1.0.0</td><td>FAILED</td>",
                "&amp; more",
                "<td>3</td>");
    }

    @Test
    void emptyListsSayNone() {
        assertTrue(ConsolePages.tools(MODEL).contains("(none)"));
        assertTrue(ConsolePages.dispatchers(MODEL).contains("<td>default</td><td>org.cerise.core 0.1.0</td><td>7</td>"));
    }

    @Test
    void sessionsShowTheActiveStoreAndCounts() {
        String html = ConsolePages.sessions(MODEL);
        assertContains(html,
                "<td>ram</td><td>b</td><td>2</td>",
                "<td>redis</td><td>r</td><td>unknown</td><td>refused &lt;conn&gt;</td>");
    }

    @Test
    void requestsShowCounters() {
        String html = ConsolePages.requests(MODEL);
        assertContains(html, "<td>5</td><td>0.50</td>", "<td>5xx</td><td>1</td>");
    }

    @Test
    void recentRequestsAreRowsOfEscapedTextNewestFirst() {
        String html = ConsoleViews.requests(new ConsolePlugin.View(MODEL, null, null, null));
        assertLacks(html, "<script>alert", "<img");
        assertContains(html,
                "<td>a</td><td>GET</td><td>/a/&lt;script&gt;alert(1)&lt;/script&gt;?x=&#34;&gt;"
                    + "&lt;img src=x onerror=alert(2)&gt;</td><td>404</td><td>1.500</td><td>10.0.0.7</td>");
        assertTrue(html.indexOf("data-sequence=\"8\"") < html.indexOf("data-sequence=\"7\""), "newest first");
        assertContains(html, "<td>/a/form</td><td>303</td><td>0.250</td><td></td>", "<tbody data-top=\"8\">");
        // the live redraw sets cells as text, never as markup
        assertContains(html, "td.textContent = text");
        assertLacks(html, "innerHTML", "insertAdjacentHTML");
    }

    @Test
    void noRecentRequestsYet() {
        String html = ConsoleViews.recent(List.of());
        assertContains(html, "(none yet)", "data-top=\"-1\"");
    }

    @Test
    void recentRequestsAsJsonWithIsoTimes() throws Exception {
        String json = AdminApiServlet.json().writeValueAsString(MODEL.recent());
        com.fasterxml.jackson.databind.JsonNode first = AdminApiServlet.json().readTree(json).get(0);
        assertEquals("2026-11-21T12:00:01.250Z", first.get("time").asText());
        assertEquals(8, first.get("sequence").asLong());
        assertEquals("/a/<script>alert(1)</script>", first.get("path").asText());
        assertEquals(404, first.get("status").asInt());
        assertEquals(1.5, first.get("millis").asDouble());
        assertEquals("10.0.0.7", first.get("remoteAddress").asText());
    }
}
