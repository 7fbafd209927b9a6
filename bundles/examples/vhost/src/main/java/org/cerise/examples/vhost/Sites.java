package org.cerise.examples.vhost;

import org.cerise.api.CeriseApp;
import org.cerise.api.Expose;
import org.cerise.api.Request;
import org.osgi.service.component.annotations.Component;

/**
 * Two sites served by one app at {@code /vhost}, told apart by the request's {@code Host}
 * header with CherryPy's VirtualHost dispatcher ({@code vhost.conf}): {@code www.shop.example}
 * sees {@link Shop} ({@code /vhost/} is {@code /vhost/shop/} for it), {@code docs.example}
 * sees {@link Docs}; any other host sees this root, which lists both.
 */
@Component(service = Sites.class)
@CeriseApp(mount = "/vhost", config = "/vhost.conf")
public class Sites {

    /** The shop's pages, below {@code /shop} (and at the root for {@code www.shop.example}). */
    public static class Shop {
        @Expose
        public String index() {
            return "Welcome to the shop";
        }

        @Expose
        public String item(String name) {
            return "Item " + name;
        }
    }

    /** The documentation's pages, below {@code /docs} (and at the root for {@code docs.example}). */
    public static class Docs {
        @Expose
        public String index() {
            return "Documentation";
        }

        @Expose(alias = "default")
        public String page(String... path) {
            return "Docs page " + String.join("/", path);
        }
    }

    public final Shop shop = new Shop();
    public final Docs docs = new Docs();

    /** @return what a host without a site of its own sees */
    @Expose
    public String index(Request request) {
        return "No site for host " + request.header("Host") + "; try www.shop.example or docs.example";
    }
}
