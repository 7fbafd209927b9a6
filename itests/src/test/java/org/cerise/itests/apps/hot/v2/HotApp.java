package org.cerise.itests.apps.hot.v2;

import org.cerise.api.Expose;

/** Second version of the app that HotMountIT installs and then updates: new answer, one more page. */
public class HotApp {

    @Expose
    public String index() {
        return "Hello from version 2";
    }

    @Expose
    public String added() {
        return "Only version 2 has this page";
    }
}
