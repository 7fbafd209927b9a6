package org.cerise.core.internal.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.cerise.api.ConfigException;
import org.cerise.api.Cookie;
import org.cerise.api.ErrorResponse;
import org.cerise.api.Handler;
import org.cerise.api.HttpError;
import org.cerise.api.HttpRedirect;
import org.cerise.api.InternalRedirect;
import org.cerise.api.dispatch.Route;
import org.cerise.api.serving.Serving;
import org.cerise.api.tool.HookPoint;
import org.cerise.core.internal.config.CoreConfigTrail;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.engine.RequestChannels;
import org.cerise.core.internal.http.AccessLog;
import org.cerise.core.internal.http.CoreRequest;
import org.cerise.core.internal.http.CoreResponse;
import org.cerise.core.internal.http.ErrorPages;
import org.cerise.core.internal.http.FormDecoder;
import org.cerise.core.internal.http.HeaderList;
import org.cerise.core.internal.http.Redirects;
import org.cerise.core.internal.http.SetCookie;
import org.cerise.core.internal.http.UrlJoin;
import org.cerise.core.internal.mount.MountedApp;
import org.cerise.core.internal.mount.RecentRequests;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs one request through a mounted app in CherryPy's order ({@code _cprequest.Request.run}
 * and {@code respond}): process headers, dispatch, {@code on_start_resource}, query string,
 * {@code before_request_body}, body, {@code before_handler}, handler, {@code before_finalize},
 * finalize, {@code on_end_resource}; {@link HttpError} and {@link HttpRedirect} become
 * responses at any stage, anything else goes through {@code before_error_response}, the 500
 * page and {@code after_error_response}; {@link InternalRedirect} starts over on a new path;
 * then the response is written, the access line logged and {@code on_end_request} run.
 */
public final class Pipeline {

    private static final String SERVER = "Cerise/" + ErrorPages.VERSION;
    private static final String REASON_ATTRIBUTE = "org.cerise.reason";

    private Pipeline() {
    }

    /**
     * Serves a request.
     *
     * @param servlet  the servlet request
     * @param out      the servlet response
     * @param app      the app whose mount point matched
     * @param pathInfo the decoded path below the mount point
     * @throws IOException if writing the response fails
     */
    public static void serve(HttpServletRequest servlet, HttpServletResponse out, MountedApp app, String pathInfo)
            throws IOException {
        long start = System.nanoTime();
        RequestChannels.before();
        CoreResponse response = new CoreResponse();
        String query = servlet.getQueryString();
        CoreRequest request = new CoreRequest(servlet, response, servlet.getMethod(), app.mountPath(), pathInfo,
                query == null ? "" : query, app.name(), null);
        List<String> visited = null;
        try {
            while (true) {
                Serving.bind(request);
                try {
                    run(request, app);
                    break;
                } catch (InternalRedirect ir) {
                    if (visited == null) {
                        visited = new ArrayList<>(2);
                    }
                    visited.add(uri(app.mountPath(), request.pathInfo(), request.queryString()));
                    String path = ir.path().startsWith("/") ? ir.path() : UrlJoin.path(request.pathInfo(), ir.path());
                    String target = uri(app.mountPath(), path, ir.queryString());
                    if (visited.contains(target)) {
                        throw new IllegalStateException("InternalRedirector visited the same URL twice: '" + target + "'");
                    }
                    response.reset();
                    request = new CoreRequest(servlet, response, "GET", app.mountPath(), path, ir.queryString(),
                            app.name(), request);
                }
            }
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError) {
                throw (VirtualMachineError) t;
            }
            app.errorLog().error("Unrecoverable error serving {}", request.requestLine(), t);
            Scope scope = request.scope() != null ? request.scope() : app.rootScope();
            ErrorPages.bareError(response, t, scope.showTracebacks);
        }
        try {
            AccessLog.log(app.accessLog(), request, response);
            write(request, response, out);
        } finally {
            try {
                Hooks.run(HookPoint.ON_END_REQUEST, request, app.errorLog());
            } catch (Exception e) {
                app.errorLog().error("on_end_request failed for {}", request.requestLine(), e);
            } finally {
                org.cerise.core.internal.mount.RequestCounts.count(app.requests(), response.status());
                // References and numbers only; the list is formatted when the admin reads it.
                RecentRequests.CORE.record(start, System.nanoTime(), app.name(),
                        request.method(), request.scriptName(), request.pathInfo(), request.queryString(),
                        response.status(), request.remoteAddr());
                Serving.clear();
                RequestChannels.after();
            }
        }
    }

    private static String uri(String mount, String path, String qs) {
        return mount + path + (qs.isEmpty() ? "" : "?" + qs);
    }

    /** CherryPy's {@code Request.run} around {@code respond}. */
    private static void run(CoreRequest request, MountedApp app) {
        try {
            try {
                try {
                    respond(request, app);
                } catch (HttpError | HttpRedirect answer) {
                    applyAnswer(request, app, answer);
                    Hooks.run(HookPoint.BEFORE_FINALIZE, request, app.errorLog());
                    finalizeResponse(request);
                }
            } finally {
                Hooks.run(HookPoint.ON_END_RESOURCE, request, app.errorLog());
            }
        } catch (InternalRedirect ir) {
            throw ir;
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            handleError(request, app, e);
        }
    }

    private static void respond(CoreRequest request, MountedApp app) throws Exception {
        CoreResponse response = request.coreResponse();
        HttpServletRequest servlet = request.servletRequest();

        // process_headers
        if (request.isHttp11() && servlet.getHeader("Host") == null) {
            throw new HttpError(400, "HTTP/1.1 requires a 'Host' request header.");
        }

        // get_resource
        Route route = app.route(request.pathInfo(), request);
        Scope scope = ((CoreConfigTrail) route.trail()).scope();
        request.route(scope, route.handler(), route.vpath(), route.index());
        if (scope.failure != null) {
            throw new ScopeFailure(scope.failure);
        }

        // namespaces: response.* from config
        for (String[] h : scope.responseHeaders) {
            response.setHeader(h[0], h[1]);
        }
        response.setStream(scope.stream);

        Hooks.run(HookPoint.ON_START_RESOURCE, request, app.errorLog());
        if (!request.answered()) {
            handle(request, scope, app);
        }

        Hooks.run(HookPoint.BEFORE_FINALIZE, request, app.errorLog());
        finalizeResponse(request);
    }

    /**
     * The query string, the body and the handler, each stage skipped once a tool has
     * {@linkplain CoreRequest#markAnswered() answered} the request.
     */
    private static void handle(CoreRequest request, Scope scope, MountedApp app) throws Exception {
        // process_query_string
        if (!request.queryString().isEmpty()) {
            try {
                // CherryPy's params.update(query): a query parameter replaces what the dispatcher
                // put under its name (a routes variable, popargs), rather than adding to it.
                Map<String, List<String>> params = request.params();
                Map<String, List<String>> query = params.isEmpty() ? params : new LinkedHashMap<>();
                FormDecoder.decode(request.queryString(), StandardCharsets.UTF_8, query, null);
                if (query != params) {
                    params.putAll(query);
                }
            } catch (CharacterCodingException e) {
                throw new HttpError(404, "The given query string could not be processed. Query strings for this "
                        + "resource must be encoded with 'utf8'.");
            }
        }

        if (request.processRequestBody() && !scope.methodsWithBodies.contains(request.method())) {
            request.setProcessRequestBody(false);
        }
        Hooks.run(HookPoint.BEFORE_REQUEST_BODY, request, app.errorLog());
        if (request.answered()) {
            return;
        }
        if (request.processRequestBody()) {
            BodyProcessor.process(request, scope);
        }

        Hooks.run(HookPoint.BEFORE_HANDLER, request, app.errorLog());
        Handler handler = request.handler();
        if (handler != null && !request.answered()) {
            request.coreResponse().setBody(handler.handle(request, request.coreResponse()));
        }
    }

    /** An HttpError or HttpRedirect becomes the response (CherryPy's {@code set_response}). */
    private static void applyAnswer(CoreRequest request, MountedApp app, RuntimeException answer) {
        if (answer instanceof HttpRedirect) {
            Redirects.apply(request, (HttpRedirect) answer);
        } else {
            ErrorPages.apply(request, (HttpError) answer, answer, app.templates(), app.rootScope());
        }
    }

    /** CherryPy's {@code handle_error}: the error hooks around the 500 page. */
    private static void handleError(CoreRequest request, MountedApp app, Throwable error) {
        CoreResponse response = request.coreResponse();
        if (error instanceof ScopeFailure) {
            app.errorLog().error("Cannot serve {}: {}", request.requestLine(), error.getMessage());
        }
        // Other errors are logged by the log_tracebacks tool (on by default), as in CherryPy.
        request.setError(error);
        try {
            Hooks.run(HookPoint.BEFORE_ERROR_RESPONSE, request, app.errorLog());
            ErrorResponse custom = request.errorResponse();
            if (custom != null && !(error instanceof ScopeFailure)) {
                custom.respond(request, response, error);
            } else {
                HttpError page = error instanceof ScopeFailure ? new HttpError(500, error.getMessage()) : new HttpError(500);
                ErrorPages.apply(request, page, error, app.templates(), app.rootScope());
            }
            Hooks.run(HookPoint.AFTER_ERROR_RESPONSE, request, app.errorLog());
            finalizeResponse(request);
        } catch (HttpRedirect redirect) {
            Redirects.apply(request, redirect);
            finalizeResponse(request);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("error handling failed", e);
        }
    }

    /**
     * CherryPy's {@code Response.finalize}: a valid status, no body for 1xx/204/205/304, a
     * {@code Content-Length} for bodies that are complete in memory (streamed bodies get one
     * from the server when they turn out small). Text is written in the {@code Content-Type}'s
     * charset, else UTF-8: the {@code encode} tool (on by default) negotiates the charset and
     * names it, as in CherryPy.
     */
    static void finalizeResponse(CoreRequest request) {
        CoreResponse response = request.coreResponse();
        int code = response.status();
        Object body = response.body();
        checkBodyType(body);
        if (code < 200 || code == 204 || code == 205 || code == 304) {
            response.removeHeader("Content-Length");
            response.setBody(null);
        } else if (response.stream()) {
            // sent as produced; a Content-Length set by the handler is kept
        } else if (response.header("Content-Length") == null) {
            if (body == null || body instanceof byte[] || body instanceof CharSequence
                    || "HEAD".equals(request.method())) {
                response.setHeader("Content-Length", String.valueOf(response.collapseBody().length));
            } else if (body instanceof Path) {
                try {
                    response.setHeader("Content-Length", String.valueOf(Files.size((Path) body)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static void checkBodyType(Object body) {
        if (body == null || body instanceof byte[] || body instanceof CharSequence || body instanceof InputStream
                || body instanceof Path || body instanceof Iterator || body instanceof Stream
                || body instanceof Iterable) {
            return;
        }
        throw new IllegalStateException("The handler returned a " + body.getClass().getName() + "; a handler returns "
                + "String, byte[], InputStream, Path, an Iterator or Stream of String/byte[] chunks, or nothing "
                + "(turn on a tool such as json_out to return other objects)");
    }

    /** Writes status, headers and body to the servlet response. */
    private static void write(CoreRequest request, CoreResponse response, HttpServletResponse out) throws IOException {
        out.setStatus(response.status());
        if (!response.reason().equals(org.cerise.api.HttpStatus.reason(response.status()))) {
            // The servlet API cannot set a reason phrase; the Jetty integration bundle reads this.
            request.servletRequest().setAttribute(REASON_ATTRIBUTE, response.reason());
        }
        HeaderList headers = response.headerList();
        boolean server = false;
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String value = headers.value(i);
            if (name.equalsIgnoreCase("Content-Length")) {
                try {
                    out.setContentLengthLong(Long.parseLong(value.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("Content-Length is not a number: " + value, e);
                }
            } else if (name.equalsIgnoreCase("Content-Type")) {
                // Jetty's own path for the content type is much cheaper than a generic header
                out.setContentType(value);
            } else {
                server |= name.equalsIgnoreCase("Server");
                out.addHeader(name, value);
            }
        }
        if (!server) {
            out.setHeader("Server", SERVER);
        }
        for (Cookie c : response.cookies()) {
            out.addHeader("Set-Cookie", SetCookie.format(c));
        }
        Object body = response.body();
        if (body == null || "HEAD".equals(request.method())) {
            closeQuietly(body);
            return;
        }
        OutputStream os = out.getOutputStream();
        Charset charset = response.charset();
        if (body instanceof byte[]) {
            os.write((byte[]) body);
        } else if (body instanceof CharSequence) {
            os.write(body.toString().getBytes(charset));
        } else if (body instanceof InputStream) {
            try (InputStream in = (InputStream) body) {
                in.transferTo(os);
            }
        } else if (body instanceof Path) {
            Files.copy((Path) body, os);
        } else {
            Iterator<?> chunks = CoreResponse.chunks(body);
            try {
                while (chunks.hasNext()) {
                    os.write(CoreResponse.toBytes(chunks.next(), charset));
                    if (response.stream()) {
                        os.flush();
                    }
                }
            } finally {
                closeQuietly(body);
            }
        }
    }

    private static void closeQuietly(Object body) {
        try {
            if (body instanceof InputStream) {
                ((InputStream) body).close();
            } else if (body instanceof Stream) {
                ((Stream<?>) body).close();
            }
        } catch (IOException e) {
            // nothing more to do for a body nobody reads
        }
    }

    /** A request reached a scope whose config cannot serve (a bad key or missing tool found late). */
    static final class ScopeFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScopeFailure(ConfigException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
