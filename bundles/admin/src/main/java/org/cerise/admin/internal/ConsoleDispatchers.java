package org.cerise.admin.internal;

import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;

/** The Web Console page {@code /system/console/cerise-dispatchers}: every dispatcher service. */
@Component(service = Servlet.class, property = {"felix.webconsole.label=cerise-dispatchers", "felix.webconsole.title=Dispatchers",
        ConsolePlugin.CATEGORY})
public final class ConsoleDispatchers extends ConsolePlugin {

    private static final long serialVersionUID = 1L;

    /** A page of the console. */
    public ConsoleDispatchers() {
        super(ConsolePages::dispatchers);
    }
}
