package org.cerise.itests.apps.guarded;

import org.cerise.api.Config;
import org.cerise.api.Expose;

/** An app that must never be served without the {@code guard} tool. */
@Config({"tools.guard.on = True", "tools.guard.password = 'open sesame'"})
public class GuardedApp {

    @Expose
    public String index() {
        return "the secret";
    }
}
