package org.cerise.itests.apps.redirect;

import org.cerise.api.Expose;
import org.cerise.api.HttpRedirect;

/** An app whose handler redirects with the protocol's default status. */
public class RedirectApp {

    @Expose
    public String go() {
        throw new HttpRedirect("elsewhere");
    }

    @Expose
    public String elsewhere() {
        return "You were redirected";
    }
}
