package org.cerise.admin.internal;

import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;

/** The Web Console page {@code /system/console/cerise-explain?path=/tut07/}: what would serve a path. */
@Component(service = Servlet.class, property = {"felix.webconsole.label=cerise-explain", "felix.webconsole.title=Explain a URL",
        ConsolePlugin.CATEGORY})
public final class ConsoleExplain extends ConsolePlugin {

    private static final long serialVersionUID = 1L;

    /** A page of the console. */
    public ConsoleExplain() {
        super(ConsoleViews::explain, true);
    }
}
