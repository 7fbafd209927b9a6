package org.cerise.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cerise.api.tool.Hook;
import org.cerise.api.tool.HookPoint;

/**
 * The request being served, like {@code cherrypy.request}.
 *
 * <p>Reach it as a handler argument of type {@code Request} or from {@link Cerise#request()}.
 * A request object belongs to one thread for its whole life and must not be kept after the
 * request ends. Unless stated otherwise, text values are never {@code null}: absent values
 * are empty strings.
 */
public interface Request {

    /** @return the HTTP method, e.g. {@code GET} */
    String method();

    /** @return the request's protocol, {@code HTTP/1.1} or {@code HTTP/1.0} */
    String protocol();

    /** @return {@code http} or {@code https} */
    String scheme();

    /**
     * The scheme, host and port the client asked for, from the {@code Host} header (or the
     * listening address when there is none), e.g. {@code http://127.0.0.1:8080}. Redirects and
     * {@link Cerise#url} build absolute URLs on it.
     *
     * @return the base URL, without a trailing slash
     */
    String base();

    /** @return the app's mount point ({@code script_name}): {@code ""} for the site root, else {@code /tut01} style */
    String scriptName();

    /**
     * The path below the mount point, percent-decoded as UTF-8 except for {@code %2F}, which
     * stays encoded so that it never splits a segment (as in CherryPy).
     *
     * @return the path, {@code ""} when the request named the mount point itself
     */
    String pathInfo();

    /** @return the raw (still encoded) query string, without {@code ?}; {@code ""} if none */
    String queryString();

    /** @return the request line as the client sent it, e.g. {@code GET /tut01/?a=1 HTTP/1.1} */
    String requestLine();

    /** @return the client's IP address (as the proxy tool corrected it, if on) */
    String remoteAddr();

    /**
     * Replaces the client's address, for tools that know better than the socket (the proxy
     * tool, from {@code X-Forwarded-For}).
     *
     * @param address the client's address
     */
    void setRemoteAddr(String address);

    /**
     * Replaces the base URL, for tools that know what the client asked for better than the
     * {@code Host} header (the proxy tool, from {@code X-Forwarded-Host}/{@code -Proto}).
     *
     * @param base {@code scheme://host[:port]}, without a trailing slash
     */
    void setBase(String base);

    /** @return the client's port */
    int remotePort();

    /**
     * The first value of a request header.
     *
     * @param name the header name, case-insensitive
     * @return the value, or {@code null} if the header is absent
     */
    String header(String name);

    /**
     * All values of a request header, in the order received.
     *
     * @param name the header name, case-insensitive
     * @return the values, empty if the header is absent
     */
    List<String> headers(String name);

    /** @return the names of all request headers */
    Set<String> headerNames();

    /**
     * Every request header line as received, grouped by name in order of first appearance
     * ({@code request.header_list}). Unlike {@link #header} it is not watched by
     * {@link #observeHeaders}, so logging every header does not make a response vary on them.
     *
     * @return the (name, value) pairs, read-only
     */
    List<Map.Entry<String, String>> headerList();

    /**
     * A comma-separated header split into its elements, most preferred first, as CherryPy's
     * {@code request.headers.elements(name)}: {@code Accept*} and {@code TE} elements by
     * descending quality, ties (and the elements of other headers) in descending order of their
     * text. Several lines of the header count as one, joined with {@code ", "}.
     *
     * @param name the header name, case-insensitive
     * @return the elements, empty if the header is absent or empty
     * @throws HttpError 400 {@code Malformed HTTP header} if two or more {@code Accept*} elements
     *                   must be ordered and a quality is not a number
     */
    List<HeaderElement> headerElements(String name);

    /**
     * Asks to be told the name of every request header read from now on through
     * {@link #header} or {@link #headers}, as CherryPy's {@code autovary} tool watches the
     * header map.
     *
     * @param observer receives each header name read
     */
    void observeHeaders(java.util.function.Consumer<String> observer);

    /**
     * The value of a request cookie.
     *
     * @param name the cookie name
     * @return the value, or {@code null} if the request carries no such cookie
     */
    String cookie(String name);

    /**
     * The request parameters: the query string's, then (once the body has been processed) the
     * urlencoded or multipart form body's, each name with its values in order. Tools may change
     * the map before the handler runs; the handler's arguments are bound from it.
     *
     * @return the mutable parameter map
     */
    Map<String, List<String>> params();

    /**
     * The first value of a request parameter.
     *
     * @param name the parameter name
     * @return the value, or {@code null}
     */
    String param(String name);

    /**
     * Whether a parameter came from the request body rather than the query string; a surplus
     * body parameter answers 400 where a surplus query parameter answers 404, as in CherryPy.
     *
     * @param name the parameter name
     * @return {@code true} if the body carried it
     */
    boolean isBodyParam(String name);

    /**
     * The leftover path segments that the dispatcher passes to the handler as positional
     * arguments ({@code /generate/16} gives {@code ["16"]}), decoded.
     *
     * @return the virtual path, possibly empty
     */
    List<String> vpath();

    /**
     * Whether the dispatcher found an {@code index} handler ({@code TRUE}), another handler
     * ({@code FALSE}) or nothing ({@code null}); the trailing-slash tool redirects on it.
     *
     * @return the index state, may be {@code null}
     */
    Boolean isIndex();

    /**
     * The configuration in force for this request: the global config, then the app's config
     * along the dispatch trail, deepest last, as CherryPy merges it. Read-only.
     *
     * @return the merged config
     */
    Map<String, Object> config();

    /** @return the app's name */
    String appName();

    /**
     * The handler the pipeline will call after the {@code before_handler} hooks. Tools may
     * replace it (to wrap it) or set it to {@code null} when they have answered the request
     * themselves, as CherryPy's handler tools do.
     *
     * @return the handler, or {@code null}
     */
    Handler handler();

    /** @param handler the handler to call instead, or {@code null} to call none */
    void setHandler(Handler handler);

    /**
     * Says the request has been answered before its handler, as a CORS preflight or a cache
     * hit is: the pipeline skips the stages up to and including the handler (the query string,
     * {@code before_request_body}, the body, {@code before_handler} and the handler; the rest of
     * the current hook point still runs) and goes on with {@code before_finalize} and the
     * response as it stands. Tools that refuse unauthenticated requests never see it.
     */
    void markAnswered();

    /** @return whether a tool {@link #markAnswered() answered} the request before its handler */
    boolean answered();

    /**
     * Whether the response comes from a cache rather than from the handler
     * ({@code request.cached}); tools that transform fresh responses (gzip) leave it alone.
     *
     * @return {@code true} for a cached response
     */
    boolean cached();

    /** @param cached whether the response is served from a cache, for the caching tool */
    void setCached(boolean cached);

    /**
     * Attaches a hook for this request only, like CherryPy's {@code request.hooks.attach}.
     *
     * @param point    where the hook runs
     * @param priority lower runs first; CherryPy's default is 50
     * @param failsafe whether the hook still runs after an earlier hook at the same point failed
     * @param hook     the callback
     */
    void attachHook(HookPoint point, int priority, boolean failsafe, Hook hook);

    /**
     * The request body as it arrives from the client. Reading it here keeps the pipeline from
     * processing it as a form; call it at {@code before_request_body} and turn
     * {@link #setProcessRequestBody(boolean) body processing} off, or from the handler.
     *
     * @return the body stream
     * @throws IOException if the body cannot be read
     */
    InputStream body() throws IOException;

    /**
     * The whole request body, read once into memory and kept: later calls return the same
     * bytes, {@link #body()} then streams them again, and a urlencoded form is still parsed
     * from them into {@link #params()}. For tools that must see the body and leave it for
     * others (a digest over the body, a signature check). A body longer than
     * {@code request.body.maxbytes} is a 413; a multipart form read this way can no longer be
     * parsed into parts.
     *
     * @return the body, empty when the request has none
     * @throws IOException if the body cannot be read
     * @throws HttpError   413 if the body is longer than allowed
     */
    byte[] bodyBytes() throws IOException;

    /** @return whether the pipeline will parse the body as form parameters */
    boolean processRequestBody();

    /**
     * The charsets tried, in order, to decode a form body ({@code request.body.attempt_charsets});
     * a charset named by the request's {@code Content-Type} first, then UTF-8, unless a tool
     * such as {@code decode} changed them.
     *
     * @return the charsets
     */
    List<java.nio.charset.Charset> attemptCharsets();

    /** @param charsets the charsets to try, in order */
    void setAttemptCharsets(List<java.nio.charset.Charset> charsets);

    /**
     * The request body parsed as JSON by the {@code json_in} tool ({@code request.json}): maps,
     * lists, strings, numbers, booleans and {@code null}.
     *
     * @return the document, or {@code null} if none was read
     */
    Object json();

    /** @param document the parsed body, for the tool that parsed it */
    void setJson(Object document);

    /** @param process {@code false} to leave the body unread for the handler or a tool */
    void setProcessRequestBody(boolean process);

    /**
     * The session of this request, if the sessions tool is on for its path.
     *
     * @return the session
     * @throws IllegalStateException if sessions are not enabled for this request's path
     */
    Session session();

    /**
     * Installs the session; for the sessions tool.
     *
     * @param session the session, or {@code null} to remove it
     */
    void setSession(Session session);

    /** @return the authenticated user's name as set by an auth tool, or {@code null} */
    String login();

    /** @param login the authenticated user's name */
    void setLogin(String login);

    /**
     * A per-request attribute, for tools that pass data between their hooks.
     *
     * @param name the attribute name; use a prefix of your own
     * @return the value, or {@code null}
     */
    Object attribute(String name);

    /**
     * Sets a per-request attribute.
     *
     * @param name  the attribute name
     * @param value the value, {@code null} to remove
     */
    void setAttribute(String name, Object value);

    /**
     * The request that raised an {@link InternalRedirect} to this one, as CherryPy's
     * {@code request.prev}.
     *
     * @return the previous request, or {@code null}
     */
    Request previous();

    /** @return the response being built for this request */
    Response response();

    /**
     * @return what builds the response for an unexpected exception, or {@code null} for
     *         CherryPy's default 500 page
     */
    ErrorResponse errorResponse();

    /** @param errorResponse what builds the response for an unexpected exception, for error tools */
    void setErrorResponse(ErrorResponse errorResponse);

    /**
     * The unexpected exception being handled, for the {@code before_error_response} and
     * {@code after_error_response} hooks (CherryPy's tools read it from {@code sys.exc_info()}).
     *
     * @return the exception, or {@code null} outside error handling
     */
    Throwable error();
}
