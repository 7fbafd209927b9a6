package org.cerise.itests.apps.redeploy;

import org.cerise.api.Expose;
import org.osgi.framework.FrameworkUtil;

/** Answers its bundle's version, so that RedeployIT sees which generation served a request. */
public class VersionApp {

    @Expose
    public String index() {
        return FrameworkUtil.getBundle(VersionApp.class).getVersion().toString();
    }
}
