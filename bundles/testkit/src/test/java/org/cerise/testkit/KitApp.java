package org.cerise.testkit;

import org.cerise.api.Cerise;
import org.cerise.api.Cookie;
import org.cerise.api.Expose;

/** The app the test kit's own tests ask. */
public class KitApp {

    /** @return the greeting */
    @Expose
    public String index() {
        return "Hello world!";
    }

    /** @return never: divides by zero */
    @Expose
    public String boom() {
        int zero = 0;
        return String.valueOf(1 / zero);
    }

    /** @return a page that sets a cookie and a header */
    @Expose
    public String remember() {
        Cerise.response().addCookie(Cookie.of("flavour", "cherry").withPath("/"));
        Cerise.response().setHeader("X-Kit", "a, b");
        return "remembered";
    }

    /** @return the cookie the request carries */
    @Expose
    public String recall() {
        String v = Cerise.request().cookie("flavour");
        return v == null ? "nothing" : v;
    }

    /**
     * @param name who
     * @return a greeting of the form field
     */
    @Expose
    public String greet(String name) {
        return "Hello " + name + "!";
    }
}
