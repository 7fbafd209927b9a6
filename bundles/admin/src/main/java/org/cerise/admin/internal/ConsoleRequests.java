package org.cerise.admin.internal;

import org.cerise.api.runtime.RuntimeModel;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;

/** The Web Console page {@code /system/console/cerise-requests}: the request counters. */
@Component(service = Servlet.class, property = {"felix.webconsole.label=cerise-requests", "felix.webconsole.title=Requests",
        ConsolePlugin.CATEGORY})
public final class ConsoleRequests extends ConsolePlugin {

    private static final long serialVersionUID = 1L;

    @Reference
    private transient RuntimeModel model;

    /** A page of the console. */
    public ConsoleRequests() {
        super(ConsolePages::requests);
    }

    @Override
    RuntimeModel model() {
        return model;
    }
}
