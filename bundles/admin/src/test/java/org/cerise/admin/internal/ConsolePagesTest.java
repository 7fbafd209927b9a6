package org.cerise.admin.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cerise.api.runtime.AppInfo;
import org.cerise.api.runtime.DispatcherInfo;
import org.cerise.api.runtime.Explanation;
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
    };

    @Test
    void appsAreRowsWithEscapedValues() {
        String html = ConsolePages.apps(MODEL);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("<td>&lt;script&gt;x&lt;/script&gt;</td><td>/a</td><td>org.example.a 1.0.0</td><td>FAILED</td>"), html);
        assertTrue(html.contains("&amp; more"), html);
        assertTrue(html.contains("<td>3</td>"), html);
    }

    @Test
    void emptyListsSayNone() {
        assertTrue(ConsolePages.tools(MODEL).contains("(none)"));
        assertTrue(ConsolePages.dispatchers(MODEL).contains("<td>default</td><td>org.cerise.core 0.1.0</td><td>7</td>"));
    }

    @Test
    void sessionsShowTheActiveStoreAndCounts() {
        String html = ConsolePages.sessions(MODEL);
        assertTrue(html.contains("<td>ram</td><td>b</td><td>2</td>"), html);
        assertTrue(html.contains("<td>redis</td><td>r</td><td>unknown</td><td>refused &lt;conn&gt;</td>"), html);
    }

    @Test
    void requestsShowCounters() {
        String html = ConsolePages.requests(MODEL);
        assertTrue(html.contains("<td>5</td><td>0.50</td>"), html);
        assertTrue(html.contains("<td>5xx</td><td>1</td>"), html);
    }
}
