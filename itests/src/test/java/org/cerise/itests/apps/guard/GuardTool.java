package org.cerise.itests.apps.guard;

import org.cerise.api.ConfigException;
import org.cerise.api.HttpError;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;

/**
 * A protection tool for the tests: before the handler, a request without the header
 * {@code X-Pass: <password>} gets 401. An app that turns it on must never be served without it.
 */
public class GuardTool implements Tool {

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        String password = setup.stringArg("password", null);
        if (password == null) {
            throw setup.badArg("password", "is required");
        }
        setup.hook(HookPoint.BEFORE_HANDLER, setup.priority(1), false, (request, response) -> {
            if (!password.equals(request.header("X-Pass"))) {
                throw new HttpError(401, "Guarded.");
            }
        });
    }
}
