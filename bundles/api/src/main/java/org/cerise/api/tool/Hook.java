package org.cerise.api.tool;

import org.cerise.api.Request;
import org.cerise.api.Response;

/**
 * A callback at a {@link HookPoint}. Throwing {@link org.cerise.api.HttpError},
 * {@link org.cerise.api.HttpRedirect} or {@link org.cerise.api.InternalRedirect} answers the
 * request; any other exception is an error: the remaining hooks of the same point that are
 * failsafe still run, then the request fails with a 500.
 */
@FunctionalInterface
public interface Hook {

    /**
     * @param request  the request
     * @param response the response
     * @throws Exception to answer or fail the request, see above
     */
    void run(Request request, Response response) throws Exception;
}
