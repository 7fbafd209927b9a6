package org.cerise.itests.apps.sessions;

import java.util.Arrays;
import java.util.List;

import org.cerise.api.Config;
import org.cerise.api.Expose;
import org.cerise.api.Param;
import org.cerise.api.Session;
import org.osgi.framework.FrameworkUtil;

/**
 * An app that keeps values, and a {@link Cart} of its own class, in its visitors' sessions;
 * it says which version of its bundle read them back.
 */
@Config("tools.sessions.on = True")
public class SessionApp {

    /** A class of the app, kept in the session as data. */
    public record Cart(List<String> items) {
    }

    @Expose
    public String put(Session session, @Param("value") String value) {
        session.put("value", value);
        return "ok";
    }

    @Expose
    public String get(Session session) {
        return String.valueOf(session.get("value"));
    }

    @Expose
    public String putCart(Session session, @Param("items") String items) {
        session.put("cart", new Cart(Arrays.asList(items.split(","))));
        return "ok";
    }

    @Expose
    public String getCart(Session session) {
        Cart cart = session.get("cart", Cart.class);
        return cart.items() + " read by " + FrameworkUtil.getBundle(Cart.class).getVersion();
    }
}
