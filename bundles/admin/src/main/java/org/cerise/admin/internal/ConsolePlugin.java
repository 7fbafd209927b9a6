package org.cerise.admin.internal;

import java.io.IOException;
import java.util.function.Function;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.cerise.api.runtime.RuntimeModel;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A read-only page of the Web Console's "Cerise" category: the console draws its frame and
 * navigation (and checks the admin's credentials through {@link ConsoleSecurityProvider}); the
 * page adds one view of the runtime model, computed per request from the model's snapshot.
 */
abstract class ConsolePlugin extends AbstractServlet {

    /** The category of every Cerise page in the console's navigation. */
    static final String CATEGORY = "felix.webconsole.category=Cerise";
    private static final long serialVersionUID = 1L;

    private final transient Function<RuntimeModel, String> page;

    ConsolePlugin(Function<RuntimeModel, String> page) {
        this.page = page;
    }

    /** @return the model the page shows */
    abstract RuntimeModel model();

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().write(page.apply(model()));
    }
}
