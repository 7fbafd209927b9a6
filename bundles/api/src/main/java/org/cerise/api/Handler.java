package org.cerise.api;

/**
 * A page handler as the pipeline calls it. Dispatchers produce handlers (a bound app method is
 * one), tools may wrap or replace them at {@code before_handler}.
 */
@FunctionalInterface
public interface Handler {

    /**
     * Answers the request.
     *
     * @param request  the request; its {@link Request#vpath()} and {@link Request#params()}
     *                 are the handler's arguments
     * @param response the response
     * @return the body, of one of the types that {@link Response#body()} lists
     * @throws Exception any failure; {@link HttpError}, {@link HttpRedirect} and
     *                   {@link InternalRedirect} are answers, anything else is a 500
     */
    Object handle(Request request, Response response) throws Exception;
}
