package org.cerise.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.cerise.examples.tut11.stock.Stock;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Tutorial 11, the superstore ({@code bundles/examples/tut11*}), over real HTTP: the store app
 * names the {@code till} dispatcher and the {@code discount} tool in its config and takes the
 * {@code Stock} service by a DS reference; three other bundles provide them, and the container
 * wires them only through the service registry. The dispatcher picks the till from the request,
 * the tool gives members their discount, the engine plugin fills the shelves on {@code start},
 * keeps them stocked with the engine's monitor and empties them on {@code stop}. Removing the
 * dispatcher's bundle takes the store out of service until it is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Tut11IT extends CeriseTestSupport {

    private static final String DISPATCHER = "org.cerise.examples.tut11.dispatcher";
    private static final String PLUGIN = "org.cerise.examples.tut11.plugin";

    @Before
    public void awaitStore() throws Exception {
        await("/tut11/shelves", r -> r.statusCode() == 200, Duration.ofSeconds(10));
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b);
    }

    private int level(String item) throws Exception {
        for (String line : get("/tut11/shelves").body().split("\n")) {
            if (line.startsWith(item + ": ")) {
                return Integer.parseInt(line.substring(item.length() + 2));
            }
        }
        throw new AssertionError("no " + item + " on " + get("/tut11/shelves").body());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    @Test
    public void theDispatcherLeadsEachCustomerToATill() throws Exception {
        HttpResponse<String> small = get("/tut11/checkout/?apples=2&bread=1", null);
        assertEquals(small.body(), 200, small.statusCode());
        assertEquals("Express till\napples: 2 x 0.50 = 1.00\nbread: 1 x 1.20 = 1.20\nTotal: 2.20\nTo pay: 2.20\n",
                small.body());
        assertEquals("text/plain;charset=utf-8", small.headers().firstValue("Content-Type").orElse(null));
        // a store card does not matter for a small basket: express is quicker
        assertTrue(get("/tut11/checkout/?apples=2", "store_card=42").body().startsWith("Express till\n"));
        // ten items or more: the card till with a store card, the regular one without
        assertTrue(get("/tut11/checkout/?apples=5&bread=5", "store_card=42").body().startsWith("Card till\n"));
        assertTrue(get("/tut11/checkout/?apples=5&bread=5", null).body().startsWith("Regular till\n"));
        // nobody walks into a till of their choosing
        HttpResponse<String> jump = get("/tut11/checkout/card/?apples=1", "store_card=42");
        assertErrorPage(jump, 404, "404 Not Found", "The path '/tut11/checkout/card/' was not found.");
        // paths outside the queue are the object tree's, as usual
        assertTrue(get("/tut11/").body().startsWith("Welcome to the superstore."));
    }

    @Test
    public void membersGetTheDiscountOthersDoNot() throws Exception {
        HttpResponse<String> member = get("/tut11/checkout/?bread=5", "customer=member");
        assertEquals("10% member", member.headers().firstValue("X-Discount").orElse(null));
        assertEquals("Express till\nbread: 5 x 1.20 = 6.00\nTotal: 6.00\nMember discount 10%: -0.60\nTo pay: 5.40\n",
                member.body());
        HttpResponse<String> visitor = get("/tut11/checkout/?bread=5", "customer=visitor");
        assertFalse(visitor.headers().firstValue("X-Discount").isPresent());
        assertEquals("Express till\nbread: 5 x 1.20 = 6.00\nTotal: 6.00\nTo pay: 6.00\n", visitor.body());
        // the tool is on below /checkout only (tut11.conf)
        assertFalse(get("/tut11/shelves", "customer=member").headers().firstValue("X-Discount").isPresent());
    }

    @Test
    public void theShelvesEmptyAsCustomersBuy() throws Exception {
        int before = level("milk");
        HttpResponse<String> r = get("/tut11/checkout/?milk=3", null);
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals(before - 3, level("milk"));
        assertEquals(before - 3, (int) stock().levels().get("milk"));
    }

    @Test
    public void theCrewRestocksAShelfThatRunsLow() throws Exception {
        long restocks = stock().restocks();
        // more apples than a shelf holds: the till sells what there is
        HttpResponse<String> r = get("/tut11/checkout/?apples=60", null);
        assertTrue(r.body(), r.body().contains(" of 60 (no more on the shelf)"));
        // the engine runs the crew's round every 2 s: the shelf is full again soon after
        HttpResponse<String> shelves = await("/tut11/shelves", s -> s.body().contains("apples: 50\n"),
                Duration.ofSeconds(5));
        assertTrue(shelves.body(), stock().restocks() > restocks);
    }

    @Test
    public void theCrewFillsTheShelvesOnStartAndEmptiesThemOnStop() throws Exception {
        Stock stock = stock();
        assertEquals(Map.of("apples", 50, "bread", 50, "milk", 50).keySet(), stock.levels().keySet());
        assertTrue(stock.levels().values().stream().allMatch(n -> n > 0));
        Bundle plugin = bundle(PLUGIN);
        plugin.stop();
        try {
            // stop ran: the shelves the crew kept are empty
            assertEquals(Map.of(), stock.levels());
            // and the store, which needs the Stock service, is gone with it (404 once the redeploy
            // grace period, 3 s, has passed without its return)
            await("/tut11/", r -> r.statusCode() == 404, MOUNT_DEADLINE);
        } finally {
            plugin.start();
        }
        // start ran again: full shelves, no restock yet
        HttpResponse<String> back = await("/tut11/shelves", r -> r.statusCode() == 200, MOUNT_DEADLINE);
        assertEquals("apples: 50\nbread: 50\nmilk: 50\nrestocks: 0\n", back.body());
    }

    @Test
    public void withoutItsDispatcherTheStoreIsOutOfService() throws Exception {
        Bundle dispatcher = bundle(DISPATCHER);
        String location = dispatcher.getLocation();
        dispatcher.uninstall();
        try {
            HttpResponse<String> waiting = await("/tut11/", r -> r.statusCode() == 503, MOUNT_DEADLINE);
            assertTrue(waiting.headers().firstValue("Retry-After").isPresent());
            assertEquals(503, get("/tut11/checkout/?apples=1", null).statusCode());
            assertEquals(200, get("/tut01/").statusCode());
        } finally {
            context().installBundle(location).start();
        }
        HttpResponse<String> back = await("/tut11/checkout/?apples=1", r -> r.statusCode() == 200, MOUNT_DEADLINE);
        assertTrue(back.body(), back.body().startsWith("Express till\n"));
    }

    private Stock stock() {
        ServiceReference<Stock> ref = context().getServiceReference(Stock.class);
        assertNotNull("no Stock service", ref);
        Stock s = context().getService(ref);
        context().ungetService(ref); // a DS singleton: the object stays valid for reading
        return s;
    }
}
