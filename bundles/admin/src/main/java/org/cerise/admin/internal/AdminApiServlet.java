package org.cerise.admin.internal;

import java.io.IOException;
import java.util.Map;

import org.cerise.api.runtime.RuntimeModel;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

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
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        // Read a POST's body whatever the answer: a refused request whose body stays unread makes
        // the connector drop the connection, and the client's next request on it fails.
        byte[] body = request.getMethod().equals("POST") ? request.getInputStream().readNBytes(MAX_BODY + 1) : null;
        String user = credentials.authenticate(request.getHeader("Authorization"));
        String what = path(request);
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

    /** @return whether the path is one of the actions (POST) */
    private static boolean isAction(String what) {
        return what.equals("/store") || what.equals("/features/install") || what.equals("/features/remove");
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
                send(response, 200, Map.of("endpoints", java.util.List.of("apps", "tools", "dispatchers", "sessions",
                        "requests", "explain?path=/some/path", "features", "csrf", "POST store", "POST features/install",
                        "POST features/remove")));
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
                send(response, 404, Map.of("error", "no such resource: " + PREFIX + what));
        }
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
        if (bytes.length > MAX_BODY) {
            Actions.Result r = new Actions.Result(413, "the body is larger than " + MAX_BODY + " bytes");
            Actions.audit(user, "POST " + what, r);
            send(response, 413, Map.of("error", r.message()));
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (IOException e) {
            Actions.Result r = new Actions.Result(400, "the body must be JSON such as "
                    + (what.equals("/store") ? "{\"store\": \"redis\"}" : "{\"feature\": \"cerise-dispatch-routes\"}")
                    + ": " + e.getMessage());
            Actions.audit(user, "POST " + what, r);
            send(response, 400, Map.of("error", r.message()));
            return;
        }
        if (what.startsWith("/features/")) {
            JsonNode name = body == null ? null : body.get("feature");
            String feature = name == null || !name.isTextual() ? null : name.asText();
            FeatureActions.Outcome o = what.equals("/features/install") ? features.install(user, feature)
                    : features.remove(user, feature);
            send(response, o.result().status(), o.result().status() < 300
                    ? Map.of("result", o.result().message(), "feature", o.feature())
                    : Map.of("error", o.result().message()));
            return;
        }
        JsonNode store = body == null ? null : body.get("store");
        Actions.Result r = actions.switchStore(user, store == null || !store.isTextual() ? null : store.asText());
        send(response, r.status(), r.status() < 300 ? Map.of("result", r.message()) : Map.of("error", r.message()));
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
