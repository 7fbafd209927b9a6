package org.cerise.core.internal.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cerise.api.Expose;
import org.cerise.api.runtime.AppInfo;
import org.cerise.api.runtime.Explanation;
import org.cerise.core.internal.runtime.CoreRuntimeModel;
import org.junit.jupiter.api.Test;

/** The runtime model's explain and request counters, on apps compiled as the container compiles them. */
class RuntimeModelTest {

    public static final class Shop {
        @Expose
        public String index() {
            return "home";
        }

        @Expose
        public String cart() {
            return "cart";
        }

        @Expose
        public String find(String x, String y) {
            return x + y;
        }
    }

    private static Harness shop() {
        return Harness.of(new Shop()).mount("/shop").name("shop").dispatcher("tree", new ByNameDispatcher())
                .config("[/cart]\nresponse.headers.X-Cart = \"yes\"\n");
    }

    @Test
    void explainNamesAppDispatcherHandlerAndMergedConfig() throws Exception {
        MountTable table = new MountTable(List.of(shop().compile()), List.of());
        Explanation e = CoreRuntimeModel.explain(table, p -> null, "/shop/cart?x=1");
        assertEquals("/shop/cart", e.path());
        assertEquals("shop", e.app());
        assertEquals("/shop", e.mount());
        assertEquals("MOUNTED", e.state());
        assertEquals("tree", e.dispatcher());
        assertTrue(e.handler().contains("cart"), e.handler());
        assertEquals("yes", e.config().get("response.headers.X-Cart"), e.config().toString());
        assertEquals("a handler", e.note());
    }

    @Test
    void explainSaysWhenNothingMatches() throws Exception {
        MountTable table = new MountTable(List.of(shop().compile()), List.of());
        Explanation none = CoreRuntimeModel.explain(table, p -> null, "/elsewhere");
        assertNull(none.app());
        assertTrue(none.note().contains("404"), none.note());
        Explanation missing = CoreRuntimeModel.explain(table, p -> null, "/shop/nothing");
        assertEquals("shop", missing.app());
        assertNull(missing.config().get("response.headers.X-Cart"));
        assertTrue(missing.note().contains("not-found handler"), missing.note());
    }

    @Test
    void explainNamesTheReasonOfAnAppThatIsNotServing() {
        AppInfo waiting = new AppInfo("blog", "/blog", "org.example.blog", "1.0.0", "WAITING",
                "the tool 'gzip' is not installed", List.of(), List.of(), 0);
        Explanation e = CoreRuntimeModel.explain(MountTable.EMPTY, p -> p.startsWith("/blog") ? waiting : null,
                "/blog/post");
        assertEquals("WAITING", e.state());
        assertTrue(e.note().contains("503") && e.note().contains("gzip"), e.note());
    }

    @Test
    void requestsAreCountedPerAppAndStatusClass() throws Exception {
        Harness h = Harness.of(new Shop()).mount("/counted").name("counted").dispatcher("tree", new ByNameDispatcher());
        long before = RequestCounts.total();
        long fours = RequestCounts.perStatus().get("4xx");
        h.get("/counted/cart");
        h.get("/counted/cart");
        h.get("/counted/missing");
        assertEquals(3, RequestCounts.app("counted"));
        assertTrue(RequestCounts.total() >= before + 3);
        assertTrue(RequestCounts.perStatus().get("4xx") >= fours + 1);
        assertEquals(List.of("tree"), h.compile().dispatchers());
    }

    @Test
    void theEndOfThePipelineRecordsEachRequestInTheRecentList() throws Exception {
        Harness h = Harness.of(new Shop()).mount("/recent").name("recent").dispatcher("tree", new ByNameDispatcher());
        h.get("/recent/find?x=1&y=%3Cb%3E");
        h.get("/recent/%3Cscript%3Ealert(1)%3C/script%3E");
        List<org.cerise.api.runtime.RecentRequest> ours = RecentRequests.CORE.snapshot().stream()
                .filter(r -> r.app().equals("recent")).toList();
        assertEquals(2, ours.size(), ours.toString());
        org.cerise.api.runtime.RecentRequest missing = ours.get(0);
        assertEquals(404, missing.status());
        assertEquals("/recent/<script>alert(1)</script>", missing.path(), "decoded, as the access log shows it");
        org.cerise.api.runtime.RecentRequest cart = ours.get(1);
        assertEquals(200, cart.status());
        assertEquals("GET", cart.method());
        assertEquals("/recent/find", cart.path());
        assertEquals("x=1&y=%3Cb%3E", cart.query());
        assertEquals("127.0.0.1", cart.remoteAddress());
        assertTrue(cart.millis() >= 0 && cart.millis() < 60_000, cart.toString());
        assertTrue(Math.abs(cart.time().toEpochMilli() - System.currentTimeMillis()) < 60_000, cart.toString());
        assertTrue(missing.sequence() > cart.sequence());
    }
}
