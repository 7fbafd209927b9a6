package org.cerise.admin.internal;

import org.cerise.api.runtime.RuntimeModel;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;

/** The Web Console page {@code /system/console/cerise-sessions}: the active session store and every installed store with its count. */
@Component(service = Servlet.class, property = {"felix.webconsole.label=cerise-sessions", "felix.webconsole.title=Sessions",
        ConsolePlugin.CATEGORY})
public final class ConsoleSessions extends ConsolePlugin {

    private static final long serialVersionUID = 1L;

    @Reference
    private transient RuntimeModel model;

    /** A page of the console. */
    public ConsoleSessions() {
        super(ConsolePages::sessions);
    }

    @Override
    RuntimeModel model() {
        return model;
    }
}
