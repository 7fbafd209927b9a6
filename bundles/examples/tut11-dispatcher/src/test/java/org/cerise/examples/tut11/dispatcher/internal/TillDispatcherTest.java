package org.cerise.examples.tut11.dispatcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.cerise.api.ConfigException;
import org.cerise.api.Expose;
import org.cerise.core.internal.config.MissingServiceException;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.tool.trailingslash.internal.TrailingSlashTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The till dispatcher through the core's real pipeline: which till a request reaches, what
 * it does to paths outside the queue, and which configs keep an app from mounting. The
 * dispatcher is not CherryPy's (tutorial 11 describes it only in words); what it shares with
 * CherryPy is the trailing-slash redirect, which names the path the client asked for, as for
 * CherryPy's {@code VirtualHost} (observed on CherryPy 18.8, see VhostDispatcherTest).
 */
class TillDispatcherTest {

    /** One till: says its name, the leftover path and the basket it was given. */
    public static class Till {
        private final String name;

        Till(String name) {
            this.name = name;
        }

        @Expose
        public String index(Map<String, String> basket) {
            return name + " till " + new java.util.TreeMap<>(basket);
        }

        @Expose
        public String receipt(Map<String, String> basket) {
            return name + " receipt";
        }
    }

    public static class Checkout {
        public final Till express = new Till("express");
        public final Till card = new Till("card");
        public final Till regular = new Till("regular");
    }

    public static class Store {
        public final Checkout checkout = new Checkout();

        @Expose
        public String index() {
            return "store";
        }

        @Expose
        public String shelves() {
            return "shelves";
        }
    }

    /** A store whose checkout has no card till. */
    public static class NoCardStore {
        public final NoCard checkout = new NoCard();

        public static class NoCard {
            public final Till express = new Till("express");
            public final Till regular = new Till("regular");
        }
    }

    private static final String CONF = "[/]\nrequest.dispatch = \"till\"\n";

    private static Harness harness(Object root, String conf) {
        return Harness.of(root).mount("/store").dispatcher("tree", new TreeDispatcher())
                .dispatcher("till", new TillDispatcher()).namespace("till", new TillNamespace())
                .tool("trailing_slash", new TrailingSlashTool()).config(conf);
    }

    private final Harness h = harness(new Store(), CONF);

    @ParameterizedTest(name = "GET {0} [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
        // fewer than ten items: express, card or not
        "/store/checkout/?apples=3&bread=2||express till {apples=3, bread=2}",
        "/store/checkout/?apples=9|store_card=1234|express till {apples=9}",
        "/store/checkout/|store_card=1234|express till {}",
        // ten or more: the card till for a store card, else the regular one
        "/store/checkout/?apples=4&bread=6||regular till {apples=4, bread=6}",
        "/store/checkout/?apples=4&bread=6|store_card=1234|card till {apples=4, bread=6}",
        "/store/checkout/?apples=4;bread=6|store_card=1234|card till {apples=4, bread=6}",
        "/store/checkout/?milk=99999999999999999999|store_card=1234|card till {milk=99999999999999999999}",
        // an empty card is no card; what is not a number counts for nothing
        "/store/checkout/?apples=12|store_card=|regular till {apples=12}",
        "/store/checkout/?apples=twelve||express till {apples=twelve}",
        // deeper paths are the till's too
        "/store/checkout/receipt?apples=12||regular receipt",
    })
    public void theRequestPicksTheTill(String target, String card, String body) {
        Harness.Result r = card == null ? h.get(target) : h.get(target, "Cookie: store_card=" + card.replace("store_card=", ""));
        assertEquals(200, r.status(), r::toString);
        assertEquals(body, r.text());
    }

    @Test
    public void otherPathsAreWalkedAsTheyAre() {
        assertEquals("store", h.get("/store/").text());
        assertEquals("shelves", h.get("/store/shelves").text());
        assertEquals(404, h.get("/store/checkouts").status());
    }

    @Test
    public void noOneJumpsTheQueue() {
        // /checkout/card/ becomes /checkout/express/card/ for a small basket: not found
        Harness.Result r = h.get("/store/checkout/card/?apples=1", "Cookie: store_card=1");
        assertEquals(404, r.status(), r::toString);
        assertTrue(r.text().contains("<p>The path '/store/checkout/card/' was not found.</p>"), r::text);
    }

    @Test
    public void theQueueWithoutItsSlashRedirectsToTheRequestedPath() {
        Harness.Result r = h.get("/store/checkout?apples=1");
        assertEquals(301, r.status(), r::toString);
        assertEquals("http://127.0.0.1:8080/store/checkout/?apples=1", r.header("Location"));
    }

    @Test
    public void theKeysAreConfigurable() {
        Harness custom = harness(new Store(), CONF + "till.express_limit = 3\ntill.card_cookie = 'loyalty'\n");
        assertEquals("regular till {apples=3}", custom.get("/store/checkout/?apples=3").text());
        assertEquals("card till {apples=3}", custom.get("/store/checkout/?apples=3", "Cookie: loyalty=x").text());
        assertEquals("express till {apples=2}", custom.get("/store/checkout/?apples=2").text());
    }

    @Test
    public void aStoreWithoutOneOfTheTillsDoesNotMount() {
        ConfigException e = assertThrows(ConfigException.class, harness(new NoCardStore(), CONF)::compile);
        assertTrue(e.getMessage().contains("/checkout/card/"), e.getMessage());
        assertTrue(e.getMessage().contains("a public field 'card'"), e.getMessage());
    }

    @Test
    public void badKeysKeepTheAppFromMounting() {
        assertBad("till.express_limit = 'ten'", "'till.express_limit'");
        assertBad("till.express_limit = 0", "'till.express_limit'");
        assertBad("till.queue = 'checkout'", "'till.queue'");
        assertBad("till.queue = '/checkout/'", "'till.queue'");
        assertBad("till.card_cookie = 3", "'till.card_cookie'");
        assertBad("till.limit = 10", "'till.limit'");
    }

    private static void assertBad(String line, String expected) {
        ConfigException e = assertThrows(ConfigException.class, harness(new Store(), CONF + line + "\n")::compile);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    public void withoutTheTreeDispatcherTheAppWaits() {
        Harness noTree = Harness.of(new Store()).dispatcher("till", new TillDispatcher()).config(CONF);
        MissingServiceException e = assertThrows(MissingServiceException.class, noTree::compile);
        assertEquals("tree", e.name());
    }

    @Test
    public void theBasketIsTheSumOfTheWholeNumbers() {
        assertEquals(0, TillRouter.basket(""));
        assertEquals(5, TillRouter.basket("apples=3&bread=2"));
        assertEquals(3, TillRouter.basket("apples=3&bread=two&x&=&milk="));
        assertEquals(1_000_000, TillRouter.basket("apples=123456789012345678901234567890"));
    }
}
