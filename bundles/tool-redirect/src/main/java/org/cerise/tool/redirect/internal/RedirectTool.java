package org.cerise.tool.redirect.internal;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy's {@code tools.redirect}: at {@code on_start_resource} (priority 50) every request
 * of the path is redirected to {@code url}, internally ({@code InternalRedirect}, the default:
 * a GET of that path of the same app, query string and body dropped) or by an HTTP redirect
 * ({@code HttpRedirect}: 303, or 302 for HTTP/1.0 clients, to {@code url} resolved against the
 * request's URL).
 */
@Component(service = Tool.class)
@CeriseTool(name = "redirect")
public final class RedirectTool implements Tool {

    static final int PRIORITY = 50;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        RedirectTarget target = RedirectTarget.from(setup);
        setup.hook(HookPoint.ON_START_RESOURCE, setup.priority(PRIORITY), false, (request, response) -> {
            throw target.redirect(request);
        });
    }
}
