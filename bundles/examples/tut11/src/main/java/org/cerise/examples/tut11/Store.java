package org.cerise.examples.tut11;

import java.util.Map;

import org.cerise.api.CeriseApp;
import org.cerise.api.Expose;
import org.cerise.api.Response;
import org.cerise.examples.tut11.stock.Stock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * CherryPy's tutorial 11, the superstore, at {@code /tut11}. The store itself is plain: a
 * welcome page, the shelves, and three tills below {@code /checkout}. Its three helpers are
 * other bundles, found through the service registry only:
 *
 * <ul>
 * <li>which till a customer queues at is decided by the {@code till} dispatcher
 * ({@code request.dispatch = "till"} in {@code tut11.conf});
 * <li>the members' discount is the {@code discount} tool ({@code tools.discount.on = True}),
 * which marks the request with {@code discount.percent};
 * <li>the shelves are the {@link Stock} service, kept by the stock crew, an engine plugin.
 * </ul>
 *
 * <p>The store is a DS component that needs a {@link Stock}: it is registered, and so
 * mounted, only while the crew's bundle runs.
 */
@Component(service = Store.class)
@CeriseApp(mount = "/tut11", config = "/tut11.conf")
public class Store {

    /** The tills, below {@code /checkout}; the till dispatcher leads each customer to one. */
    public static class Checkout {
        public final Till express;
        public final Till card;
        public final Till regular;

        Checkout(Stock stock) {
            express = new Till("Express till", stock);
            card = new Till("Card till", stock);
            regular = new Till("Regular till", stock);
        }
    }

    public final Checkout checkout;
    private final Stock stock;

    /** @param stock the shelves, as the stock crew keeps them */
    @Activate
    public Store(@Reference Stock stock) {
        this.stock = stock;
        this.checkout = new Checkout(stock);
    }

    /** @return the welcome page */
    @Expose
    public String index(Response response) {
        response.setHeader("Content-Type", "text/plain;charset=utf-8");
        return "Welcome to the superstore.\n"
                + "The shelves: /tut11/shelves\n"
                + "Pay for a basket: /tut11/checkout/?apples=3&bread=2 (fewer than 10 items: express till;"
                + " with a store_card cookie: card till; members (cookie customer=member) get 10% off)\n";
    }

    /** @return what is on the shelves now, one {@code item: count} line each, and the crew's restocks */
    @Expose
    public String shelves(Response response) {
        response.setHeader("Content-Type", "text/plain;charset=utf-8");
        Map<String, Integer> levels = stock.levels();
        StringBuilder out = new StringBuilder();
        levels.forEach((item, count) -> out.append(item).append(": ").append(count).append('\n'));
        return out.append("restocks: ").append(stock.restocks()).append('\n').toString();
    }
}
