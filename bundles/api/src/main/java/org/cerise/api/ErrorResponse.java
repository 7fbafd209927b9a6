package org.cerise.api;

/**
 * Builds the response for an unexpected exception, in place of CherryPy's default 500 page
 * ({@code request.error_response}); error tools such as {@code err_redirect} install one with
 * {@link Request#setErrorResponse}. It runs between the {@code before_error_response} and
 * {@code after_error_response} hooks; throwing {@link HttpRedirect} redirects the client.
 */
@FunctionalInterface
public interface ErrorResponse {

    /**
     * @param request  the failed request
     * @param response the response to fill
     * @param error    what failed
     * @throws Exception if it cannot answer; the client then gets CherryPy's bare 500
     */
    void respond(Request request, Response response, Throwable error) throws Exception;
}
