package org.cerise.itests.apps.failing;

import org.cerise.api.Expose;

/** An app with a handler that throws. */
public class FailingApp {

    @Expose
    public String index() {
        return "Still serving";
    }

    @Expose
    public String fail() {
        throw new IllegalStateException("deliberate failure in a handler");
    }
}
