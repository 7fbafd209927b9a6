package org.cerise.itests.apps.configured;

import org.cerise.api.Expose;

/** An app whose behaviour comes from its config file ({@code app.conf} in its bundle, named by {@code Cerise-Test-Config}). */
public class ConfiguredApp {

    public final Pages pages = new Pages();

    @Expose
    public String index() {
        return "configured";
    }

    @Expose
    public String boom() {
        throw new IllegalStateException("boom");
    }

    /** A sub-tree with a config section of its own. */
    public static class Pages {
        @Expose
        public String index() {
            return "pages";
        }
    }
}
