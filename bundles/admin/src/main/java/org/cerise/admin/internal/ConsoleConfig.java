package org.cerise.admin.internal;

import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;

/**
 * The Web Console page {@code /system/console/cerise-config?app=NAME}: an app's run-time config
 * overrides, set and removed through {@link Actions#setConfig}, and the config in force at its root.
 */
@Component(service = Servlet.class, property = {"felix.webconsole.label=cerise-config", "felix.webconsole.title=App config",
        ConsolePlugin.CATEGORY})
public final class ConsoleConfig extends ConsolePlugin {

    private static final long serialVersionUID = 1L;

    /** A page of the console. */
    public ConsoleConfig() {
        super(ConsoleViews::config, true);
    }

    @Override
    java.util.Map<String, ConsoleAction> actions() {
        return java.util.Map.of(
                "set", (who, p) -> support.actions.setConfig(who, p.get("app"), p.get("key"), p.get("value")),
                "remove", (who, p) -> support.actions.setConfig(who, p.get("app"), p.get("key"), null));
    }
}
