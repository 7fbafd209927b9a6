package org.cerise.admin.internal;

import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;

/** The Web Console page {@code /system/console/cerise-sessions}: the active session store and every installed store with its count. */
@Component(service = Servlet.class, property = {"felix.webconsole.label=cerise-sessions", "felix.webconsole.title=Sessions",
        ConsolePlugin.CATEGORY})
public final class ConsoleSessions extends ConsolePlugin {

    private static final long serialVersionUID = 1L;

    /** A page of the console. */
    public ConsoleSessions() {
        super(ConsoleViews::sessions, true);
    }

    @Override
    java.util.Map<String, ConsoleAction> actions() {
        return java.util.Map.of("store", (who, p) -> support.actions.switchStore(who, p.get("store")));
    }
}
