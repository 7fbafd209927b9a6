package org.cerise.admin.internal;

import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;

/** The Web Console page {@code /system/console/cerise-apps}: every app with its mount, bundle, state and why it is not mounted. */
@Component(service = Servlet.class, property = {"felix.webconsole.label=cerise-apps", "felix.webconsole.title=Apps",
        ConsolePlugin.CATEGORY})
public final class ConsoleApps extends ConsolePlugin {

    private static final long serialVersionUID = 1L;

    /** A page of the console. */
    public ConsoleApps() {
        super(ConsoleViews::apps, true);
    }

    @Override
    java.util.Map<String, ConsoleAction> actions() {
        return java.util.Map.of(
                "unmount", (who, p) -> support.actions.unmount(who, p.get("app")),
                "mount", (who, p) -> support.actions.mount(who, p.get("app")),
                "restart", (who, p) -> support.actions.restart(who, p.get("app")),
                "deploy", (who, p) -> {
                    byte[] jar = p.file("bundle");
                    if (jar == null || jar.length == 0) {
                        Actions.Result r = new Actions.Result(400, "choose a bundle (a .jar file) to upload");
                        Actions.audit(who, "deploy", r);
                        return r;
                    }
                    return support.actions.deploy(who, p.fileName("bundle"), jar);
                });
    }
}
