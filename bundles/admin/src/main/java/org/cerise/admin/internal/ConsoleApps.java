package org.cerise.admin.internal;

import org.cerise.api.runtime.RuntimeModel;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;

/** The Web Console page {@code /system/console/cerise-apps}: every app with its mount, bundle, state and why it is not mounted. */
@Component(service = Servlet.class, property = {"felix.webconsole.label=cerise-apps", "felix.webconsole.title=Apps",
        ConsolePlugin.CATEGORY})
public final class ConsoleApps extends ConsolePlugin {

    private static final long serialVersionUID = 1L;

    @Reference
    private transient RuntimeModel model;

    /** A page of the console. */
    public ConsoleApps() {
        super(ConsolePages::apps);
    }

    @Override
    RuntimeModel model() {
        return model;
    }
}
