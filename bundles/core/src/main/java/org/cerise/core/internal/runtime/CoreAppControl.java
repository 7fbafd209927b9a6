package org.cerise.core.internal.runtime;

import java.util.Map;

import org.cerise.api.runtime.AppControl;
import org.cerise.api.runtime.AppInfo;
import org.cerise.core.internal.mount.Mounter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The core's {@link AppControl}: every call is one change of the {@link Mounter}, under its lock. */
@Component(service = AppControl.class)
public final class CoreAppControl implements AppControl {

    @Reference
    private Mounter mounter;

    @Override
    public AppInfo unmount(String app, String who) {
        return mounter.unmount(app, who);
    }

    @Override
    public AppInfo mount(String app, String who) {
        return mounter.mount(app, who);
    }

    @Override
    public AppInfo restart(String app, String who) {
        return mounter.restart(app, who);
    }

    @Override
    public String checkOverrides(String app, Map<String, String> overrides) {
        return mounter.checkOverrides(app, overrides);
    }
}
