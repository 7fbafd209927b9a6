package org.cerise.tool.redirect.internal;

import org.cerise.api.ConfigException;
import org.cerise.api.ErrorResponse;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy's {@code tools.err_redirect}, an error tool: an unexpected exception on the path is
 * answered by redirecting to {@code url} instead of the 500 page, internally (the default) or by
 * an HTTP redirect. {@code HttpError}s keep their own pages.
 *
 * <p>CherryPy installs its error response when the tool's config is read, before any hook runs;
 * Cerise installs it from a failsafe {@code on_start_resource} hook (priority 50), which still
 * runs when an earlier hook of that point failed.
 */
@Component(service = Tool.class)
@CeriseTool(name = "err_redirect")
public final class ErrRedirectTool implements Tool {

    static final int PRIORITY = 50;

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        RedirectTarget target = RedirectTarget.from(setup);
        ErrorResponse redirect = (request, response, error) -> {
            throw target.redirect(request);
        };
        setup.hook(HookPoint.ON_START_RESOURCE, setup.priority(PRIORITY), true,
                (request, response) -> request.setErrorResponse(redirect));
    }
}
