package org.cerise.admin.internal;

import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;

/** The Web Console page {@code /system/console/cerise-tools}: every tool service. */
@Component(service = Servlet.class, property = {"felix.webconsole.label=cerise-tools", "felix.webconsole.title=Tools",
        ConsolePlugin.CATEGORY})
public final class ConsoleTools extends ConsolePlugin {

    private static final long serialVersionUID = 1L;

    /** A page of the console. */
    public ConsoleTools() {
        super(ConsolePages::tools);
    }
}
