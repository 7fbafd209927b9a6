package org.cerise.examples.tut11.tool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cerise.api.ConfigException;
import org.cerise.api.Expose;
import org.cerise.api.Request;
import org.cerise.core.internal.config.MissingServiceException;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.junit.jupiter.api.Test;

/** {@code tools.discount} through the core's real pipeline: who gets it, what they see, which configs mount. */
class DiscountToolTest {

    /** Shows what the handler sees: the discount attribute. */
    public static class Shop {
        @Expose
        public String index(Request request) {
            return "discount=" + request.attribute(DiscountTool.ATTRIBUTE);
        }

        @Expose
        public String other(Request request) {
            return "discount=" + request.attribute(DiscountTool.ATTRIBUTE);
        }
    }

    private static final String ON = "[/]\ntools.discount.on = True\ntools.discount.category = 'member'\n";

    private static Harness harness(String conf) {
        return Harness.of(new Shop()).dispatcher("tree", new TreeDispatcher()).tool("discount", new DiscountTool())
                .config(conf);
    }

    @Test
    public void membersGetTheDiscountOthersDoNot() {
        Harness h = harness(ON + "tools.discount.percent = 15\n");
        Harness.Result member = h.get("/app/", "Cookie: customer=member");
        assertEquals(200, member.status(), member::toString);
        assertEquals("discount=15", member.text());
        assertEquals("15% member", member.header("X-Discount"));

        for (String[] headers : new String[][] {{}, {"Cookie: customer=visitor"}, {"Cookie: customer=Member"},
                {"Cookie: other=member"}}) {
            Harness.Result r = h.get("/app/", headers);
            assertEquals("discount=null", r.text());
            assertNull(r.header("X-Discount"), r::toString);
        }
    }

    @Test
    public void theDefaultsAreTenPercentAndTheCustomerCookie() {
        Harness.Result r = harness(ON).get("/app/", "Cookie: x=1; customer=member");
        assertEquals("discount=10", r.text());
        assertEquals("10% member", r.header("X-Discount"));
    }

    @Test
    public void theCookieIsConfigurable() {
        Harness h = harness(ON + "tools.discount.cookie = 'club'\n");
        assertEquals("discount=10", h.get("/app/", "Cookie: club=member").text());
        assertEquals("discount=null", h.get("/app/", "Cookie: customer=member").text());
    }

    @Test
    public void onlyWhereItIsOn() {
        Harness h = harness("[/other]\ntools.discount.on = True\ntools.discount.category = 'member'\n");
        assertEquals("discount=null", h.get("/app/", "Cookie: customer=member").text());
        assertEquals("discount=10", h.get("/app/other", "Cookie: customer=member").text());
    }

    @Test
    public void badArgumentsKeepTheAppFromMountingAndNameTheKey() {
        assertBad("[/]\ntools.discount.on = True\n", "'tools.discount.category'");
        assertBad(ON + "tools.discount.percent = 0\n", "'tools.discount.percent'");
        assertBad(ON + "tools.discount.percent = 101\n", "'tools.discount.percent'");
        assertBad(ON + "tools.discount.percent = '10%'\n", "'tools.discount.percent'");
        assertBad(ON + "tools.discount.cookie = ''\n", "'tools.discount.cookie'");
        assertBad(ON + "tools.discount.percentage = 10\n", "'tools.discount.percentage'");
        assertBad("[/]\ntools.discount.on = True\ntools.discount.category = 7\n", "'tools.discount.category'");
    }

    private static void assertBad(String conf, String key) {
        ConfigException e = assertThrows(ConfigException.class, harness(conf)::compile);
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    public void withoutTheToolTheAppWaits() {
        Harness h = Harness.of(new Shop()).dispatcher("tree", new TreeDispatcher()).config(ON);
        MissingServiceException e = assertThrows(MissingServiceException.class, h::compile);
        assertEquals("discount", e.name());
    }
}
