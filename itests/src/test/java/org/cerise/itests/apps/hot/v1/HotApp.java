package org.cerise.itests.apps.hot.v1;

import org.cerise.api.Expose;

/** First version of the app that HotMountIT installs and then updates. */
public class HotApp {

    @Expose
    public String index() {
        return "Hello from version 1";
    }
}
