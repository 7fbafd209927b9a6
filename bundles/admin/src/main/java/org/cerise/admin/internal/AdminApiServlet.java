package org.cerise.admin.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import org.cerise.api.runtime.RuntimeModel;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The runtime model as JSON under {@code /cerise/api/} (see the bundle's README). Registered
 * with a more specific whiteboard pattern than the core's front servlet ({@code /*}), so it keeps
 * its path whatever apps are mounted. Every request needs the admin's Basic credentials; actions
 * (POST) also need the CSRF token from {@code GET /cerise/api/csrf} in the header
 * {@value #CSRF_HEADER}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(AdminApiServlet.PREFIX + "/*")
@HttpWhiteboardServletName("cerise-admin-api")
public final class AdminApiServlet extends HttpServlet {

    static final String PREFIX = "/cerise/api";
    static final String CSRF_HEADER = "X-Cerise-CSRF";
    private static final long serialVersionUID = 1L;
    /** The largest action body read; actions take a few words. */
    private static final int MAX_BODY = 64 * 1024;
    /** The largest bundle {@code POST /deploy} takes. */
    static final int MAX_UPLOAD = 64 * 1024 * 1024;
    /** The app actions without a body: {@code POST /apps/NAME/ACTION}. */
    private static final java.util.Set<String> APP_ACTIONS = java.util.Set.of("mount", "unmount", "restart");
    /** Instants (a recent request's time) as ISO-8601 text, without Jackson's java.time module. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("cerise-instants").addSerializer(Instant.class, ToStringSerializer.instance));

    @Reference
    private transient RuntimeModel model;
    @Reference
    private transient Credentials credentials;
    @Reference
    private transient Actions actions;
    @Reference
    private transient FeatureActions features;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String user = credentials.authenticate(request.getHeader("Authorization"));
        String what = path(request);
        // Read a POST's body whatever the answer: a refused request whose body stays unread makes
        // the connector drop the connection, and the client's next request on it fails. Only an
        // authorized action's body is kept (an upload may be large); a refused one is drained.
        boolean post = request.getMethod().equals("POST");
        byte[] body = null;
        if (post && user != null && credentials.csrfValid(user, request.getHeader(CSRF_HEADER))) {
            body = request.getInputStream().readNBytes((what.equals("/deploy") ? MAX_UPLOAD : MAX_BODY) + 1);
        }
        if (post) {
            request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        }
        if (user == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"cerise-admin\", charset=\"UTF-8\"");
            if (request.getMethod().equals("POST")) {
                Actions.audit("anonymous", "POST " + what, new Actions.Result(401, "no valid credentials"));
            }
            send(response, 401, Map.of("error", "the admin API needs the admin's credentials (HTTP Basic)"));
            return;
        }
        switch (request.getMethod()) {
            case "GET":
                get(request, response, user, what);
                break;
            case "POST":
                post(request, response, user, what, body);
                break;
            default:
                response.setHeader("Allow", isAction(what) ? "POST" : "GET");
                send(response, 405, Map.of("error", request.getMethod() + " is not allowed on " + PREFIX + what));
        }
    }

    private static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null || info.isEmpty()) {
            return "/";
        }
        return info.length() > 1 && info.endsWith("/") ? info.substring(0, info.length() - 1) : info;
    }

    private void get(HttpServletRequest request, HttpServletResponse response, String user, String what)
            throws IOException {
        switch (what) {
            case "/":
                send(response, 200, Map.of("endpoints", java.util.List.of("apps", "apps/NAME/config", "tools",
                        "dispatchers", "sessions", "requests", "requests/recent", "explain?path=/some/path", "csrf", "POST store",
                        "POST deploy", "POST apps/NAME/mount", "POST apps/NAME/unmount", "POST apps/NAME/restart",
                        "POST apps/NAME/config", "features", "POST features/install", "POST features/remove")));
                break;
            case "/apps":
                send(response, 200, model.apps());
                break;
            case "/tools":
                send(response, 200, model.tools());
                break;
            case "/dispatchers":
                send(response, 200, model.dispatchers());
                break;
            case "/sessions":
                Object sessions = model.sessions();
                send(response, 200, sessions == null ? Map.of("error", "no sessions tool is installed") : sessions);
                break;
            case "/requests":
                send(response, 200, model.requests());
                break;
            case "/requests/recent":
                send(response, 200, model.recent());
                break;
            case "/explain":
                String path = request.getParameter("path");
                if (path == null || path.isEmpty()) {
                    send(response, 400, Map.of("error", "give the path to explain: " + PREFIX + "/explain?path=/tut07/"));
                } else {
                    send(response, 200, model.explain(path));
                }
                break;
            case "/features":
                send(response, 200, features.available());
                break;
            case "/csrf":
                send(response, 200, Map.of("header", CSRF_HEADER, "token", credentials.csrfToken(user)));
                break;
            default:
                if (what.startsWith("/apps/") && what.endsWith("/config")) {
                    String app = what.substring("/apps/".length(), what.length() - "/config".length());
                    try {
                        send(response, 200, Map.of("app", app, "overrides", actions.overrides(app)));
                    } catch (java.util.NoSuchElementException e) {
                        send(response, 404, Map.of("error", e.getMessage()));
                    }
                    return;
                }
                send(response, 404, Map.of("error", "no such resource: " + PREFIX + what));
        }
    }

    /** @return whether the resource takes POST */
    private static boolean isAction(String what) {
        if (what.equals("/store") || what.equals("/deploy") || what.equals("/features/install")
                || what.equals("/features/remove")) {
            return true;
        }
        int slash = what.lastIndexOf('/');
        return what.startsWith("/apps/") && slash > "/apps".length()
                && (APP_ACTIONS.contains(what.substring(slash + 1)) || what.endsWith("/config"));
    }

    private void post(HttpServletRequest request, HttpServletResponse response, String user, String what,
            byte[] bytes) throws IOException {
        if (!credentials.csrfValid(user, request.getHeader(CSRF_HEADER))) {
            Actions.Result r = new Actions.Result(403, "missing or wrong CSRF token (get one from GET " + PREFIX
                    + "/csrf and send it in the header " + CSRF_HEADER + ")");
            Actions.audit(user, "POST " + what, r);
            send(response, r.status(), Map.of("error", r.message()));
            return;
        }
        if (!isAction(what)) {
            response.setHeader("Allow", "GET");
            send(response, 405, Map.of("error", "POST is not allowed on " + PREFIX + what));
            return;
        }
        int max = what.equals("/deploy") ? MAX_UPLOAD : MAX_BODY;
        if (bytes.length > max) {
            Actions.Result r = new Actions.Result(413, "the body is larger than " + max + " bytes");
            Actions.audit(user, "POST " + what, r);
            send(response, 413, Map.of("error", r.message()));
            return;
        }
        if (what.startsWith("/features/")) {
            JsonNode body = jsonBody(user, what, bytes, response, "{\"feature\": \"cerise-dispatch-routes\"}");
            if (body == null) {
                return;
            }
            JsonNode name = body.get("feature");
            String feature = name == null || !name.isTextual() ? null : name.asText();
            FeatureActions.Outcome o = what.equals("/features/install") ? features.install(user, feature)
                    : features.remove(user, feature);
            send(response, o.result().status(), o.result().status() < 300
                    ? Map.of("result", o.result().message(), "feature", o.feature())
                    : Map.of("error", o.result().message()));
            return;
        }
        Actions.Result r;
        if (what.equals("/deploy")) {
            String name = request.getParameter("name");
            r = actions.deploy(user, name, bytes);
        } else if (what.startsWith("/apps/")) {
            int slash = what.lastIndexOf('/');
            String app = what.substring("/apps/".length(), slash);
            String action = what.substring(slash + 1);
            if (action.equals("config")) {
                JsonNode body = jsonBody(user, what, bytes, response, "{\"key\": \"tools.gzip.on\", \"value\": \"True\"}");
                if (body == null) {
                    return;
                }
                JsonNode key = body.get("key");
                JsonNode value = body.get("value");
                if (key == null || !key.isTextual() || (value != null && !value.isNull() && !value.isTextual())) {
                    r = new Actions.Result(400, "the body must be {\"key\": \"...\", \"value\": \"a Python literal\"} "
                            + "(\"value\": null removes the key); the value is text, e.g. \"True\" or \"'utf-8'\"");
                    Actions.audit(user, "config " + app, r);
                } else {
                    r = actions.setConfig(user, app, key.asText(), value == null || value.isNull() ? null : value.asText());
                }
            } else if (action.equals("mount")) {
                r = actions.mount(user, app);
            } else if (action.equals("unmount")) {
                r = actions.unmount(user, app);
            } else {
                r = actions.restart(user, app);
            }
        } else {
            JsonNode body = jsonBody(user, what, bytes, response, "{\"store\": \"redis\"}");
            if (body == null) {
                return;
            }
            JsonNode store = body.get("store");
            r = actions.switchStore(user, store == null || !store.isTextual() ? null : store.asText());
        }
        send(response, r.status(), r.status() < 300 ? Map.of("result", r.message()) : Map.of("error", r.message()));
    }

    /** The body as a JSON object, or {@code null} after answering 400. */
    private static JsonNode jsonBody(String user, String what, byte[] bytes, HttpServletResponse response, String example)
            throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            Actions.Result r = new Actions.Result(400, "the body must be a JSON object such as " + example);
            Actions.audit(user, "POST " + what, r);
            send(response, 400, Map.of("error", r.message()));
            return null;
        }
        return body;
    }

    private static void send(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** @return the JSON writer, for the Gogo commands' {@code --json} form and tests */
    static ObjectMapper json() {
        return JSON;
    }
}
