package org.cerise.admin.internal;

import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;

/**
 * The Web Console page {@code /system/console/cerise-requests}: the request counters, a live chart
 * of the request rate and the live list of recent requests.
 */
@Component(service = Servlet.class, property = {"felix.webconsole.label=cerise-requests", "felix.webconsole.title=Requests",
        ConsolePlugin.CATEGORY})
public final class ConsoleRequests extends ConsolePlugin {

    private static final long serialVersionUID = 1L;

    /** A page of the console. */
    public ConsoleRequests() {
        super(ConsoleViews::requests, true);
    }
}
