package org.cerise.tool.sessionauth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.cerise.api.Cerise;
import org.cerise.api.ConfigException;
import org.cerise.api.HttpError;
import org.cerise.api.HttpRedirect;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.Session;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.cerise.tool.sessionauth.SessionAuthenticator;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.session_auth}, a handler tool at {@code before_handler} priority 50:
 * the user name is kept in the session under {@code session_key}. A request without one is
 * answered with the login form instead of its page (status 200, as in CherryPy). Paths ending
 * in the {@code login_screen} suffix show the form, {@code do_login} (POST only) checks the
 * form and redirects to {@code from_page}, {@code do_logout} (POST only) forgets the user and
 * redirects to {@code from_page}.
 */
@Component(service = Tool.class)
@CeriseTool(name = "session_auth")
public final class SessionAuthTool implements Tool {

    static final int PRIORITY = 50;

    /** The message of the login form after a failed login with the {@code users} dict. */
    static final String WRONG_LOGIN = "Wrong login/password";

    private static final Logger LOG = LoggerFactory.getLogger("cerise.tool.session_auth");
    private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /** What one scope was set up with. */
    private static final class Settings {
        String sessionKey;
        String loginScreen;
        String anonymous;
        boolean regenerate;
        boolean debug;
        /** the app's callbacks, or the users dict behind the same face */
        SessionAuthenticator authenticator;
    }

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("users", "check_username_and_password", "session_key", "login_screen", "anonymous",
                "regenerate_id", "debug");
        Settings s = new Settings();
        s.sessionKey = setup.stringArg("session_key", "username");
        if (s.sessionKey.isEmpty()) {
            throw setup.badArg("session_key", "must not be empty");
        }
        s.loginScreen = setup.stringArg("login_screen", "login_screen");
        if (s.loginScreen.isEmpty()) {
            throw setup.badArg("login_screen", "must be a path suffix such as 'login_screen'");
        }
        s.anonymous = setup.stringArg("anonymous", null);
        s.regenerate = setup.booleanArg("regenerate_id", true);
        s.debug = setup.booleanArg("debug", false);
        s.authenticator = authenticator(setup);
        setup.hook(HookPoint.BEFORE_HANDLER, setup.priority(PRIORITY), false, (request, response) -> run(request, response, s));
    }

    private static SessionAuthenticator authenticator(ToolSetup setup) throws ConfigException {
        Object users = setup.args().get("users");
        String named = setup.stringArg("check_username_and_password", null);
        if (users != null && named != null) {
            throw setup.badArg("check_username_and_password",
                    "cannot be used together with tools.session_auth.users: choose one");
        }
        if (named != null) {
            // The core mounts the app again whenever the named service comes, changes or goes,
            // so the one found now serves as long as this set-up does.
            return setup.service("check_username_and_password", SessionAuthenticator.class,
                    SessionAuthenticator.NAME);
        }
        // CherryPy's default check accepts anyone; Cerise wants to be told where the users are.
        if (!(users instanceof Map)) {
            throw setup.badArg("users", users == null
                    ? "must be set (a dict such as {'alice': 'secret'}), or tools.session_auth.check_username_and_password"
                    : "must be a dict of user names to passwords, such as {'alice': 'secret'}");
        }
        Map<String, byte[]> hashes = new HashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) users).entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
                throw setup.badArg("users", "must map user names to passwords, both quoted strings");
            }
            if (!((String) e.getValue()).isEmpty()) {
                hashes.put((String) e.getKey(), sha256((String) e.getValue()));
            }
        }
        byte[] nobody = sha256("\u0000no such user");
        return (user, password) -> {
            byte[] expected = hashes.get(user);
            boolean same = MessageDigest.isEqual(sha256(password), expected == null ? nobody : expected);
            return same && expected != null ? null : WRONG_LOGIN;
        };
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static void run(Request request, Response response, Settings s) {
        String path = request.pathInfo();
        if (path.endsWith(s.loginScreen)) {
            debug(s, "routing {} to login_screen", path);
            answer(request, response, loginScreen("..", "", ""));
        } else if (path.endsWith("do_login")) {
            requirePost(request, response);
            debug(s, "routing {} to do_login", path);
            doLogin(request, response, s);
        } else if (path.endsWith("do_logout")) {
            requirePost(request, response);
            debug(s, "routing {} to do_logout", path);
            doLogout(request, s);
        } else {
            doCheck(request, response, s);
        }
    }

    private static void requirePost(Request request, Response response) {
        if (!request.method().equals("POST")) {
            response.setHeader("Allow", "POST");
            throw new HttpError(405);
        }
    }

    /** A handler tool's answer: the body is set and the page handler is skipped. */
    private static void answer(Request request, Response response, String html) {
        response.setBody(html.getBytes(StandardCharsets.UTF_8));
        response.removeHeader("Content-Length");
        request.setHandler(null);
    }

    private static void doLogin(Request request, Response response, Settings s) {
        String username = request.param("username");
        String password = request.param("password");
        if (username == null || password == null) {
            List<String> missing = new ArrayList<>();
            if (username == null) {
                missing.add("username");
            }
            if (password == null) {
                missing.add("password");
            }
            throw new HttpError(400, "Missing parameters: " + String.join(",", missing));
        }
        String fromPage = request.param("from_page");
        if (fromPage == null) {
            fromPage = "..";
        }
        SessionAuthenticator authenticator = s.authenticator;
        String error = authenticator.checkUsernameAndPassword(username, password);
        if (error != null && !error.isEmpty()) {
            debug(s, "login of '{}' refused", username);
            answer(request, response, loginScreen(fromPage, username, error));
            return;
        }
        Session session = request.session();
        if (s.regenerate) {
            session.regenerate();
        }
        request.setLogin(username);
        session.put(s.sessionKey, username);
        authenticator.onLogin(username);
        debug(s, "'{}' logged in", username);
        throw new HttpRedirect(sameSite(request, fromPage.isEmpty() ? "/" : fromPage));
    }

    private static void doLogout(Request request, Settings s) {
        String fromPage = request.param("from_page");
        if (fromPage == null) {
            fromPage = "..";
        }
        Session session = request.session();
        Object username = session.remove(s.sessionKey);
        if (username != null && !username.toString().isEmpty()) {
            request.setLogin(null);
            s.authenticator.onLogout(username.toString());
            debug(s, "'{}' logged out", username);
        }
        throw new HttpRedirect(sameSite(request, fromPage));
    }

    private static void doCheck(Request request, Response response, Settings s) {
        Session session = request.session();
        Object stored = session.get(s.sessionKey);
        String username = stored == null ? null : stored.toString();
        if (username == null || username.isEmpty()) {
            username = s.anonymous != null ? s.anonymous : s.authenticator.anonymous();
            if (username != null && !username.isEmpty()) {
                session.put(s.sessionKey, username);
            }
            debug(s, "no session[{}], trying anonymous", s.sessionKey);
        }
        if (username == null || username.isEmpty()) {
            String url = Cerise.url("", request.queryString());
            debug(s, "no user name, routing to login_screen with from_page {}", url);
            answer(request, response, loginScreen(url, "", ""));
            return;
        }
        request.setLogin(username);
        s.authenticator.onCheck(username);
    }

    /**
     * {@code from_page} comes from the client: a target on another site would make the login
     * form an open redirector, so such targets go to the site's root instead.
     */
    static String sameSite(Request request, String target) {
        String t = target.strip();
        boolean absolute = t.startsWith("//") || t.startsWith("\\\\") || t.startsWith("/\\") || HAS_SCHEME.matcher(t).find();
        if (!absolute) {
            return t;
        }
        String base = request.base();
        if (t.equals(base) || t.startsWith(base + "/") || t.startsWith(base + "?")) {
            return t;
        }
        return "/";
    }

    /** CherryPy's default login form, with the values HTML-escaped. */
    static String loginScreen(String fromPage, String username, String errorMsg) {
        return "<html><body>\n"
                + "Message: " + escape(errorMsg) + "\n"
                + "<form method=\"post\" action=\"do_login\">\n"
                + "    Login: <input type=\"text\" name=\"username\" value=\"" + escape(username) + "\" size=\"10\" />\n"
                + "    <br />\n"
                + "    Password: <input type=\"password\" name=\"password\" size=\"10\" />\n"
                + "    <br />\n"
                + "    <input type=\"hidden\" name=\"from_page\" value=\"" + escape(fromPage) + "\" />\n"
                + "    <br />\n"
                + "    <input type=\"submit\" />\n"
                + "</form>\n"
                + "</body></html>";
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&#x27;"); break;
                default: sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void debug(Settings s, String format, Object arg) {
        if (s.debug) {
            LOG.info("session_auth: " + format, arg);
        }
    }
}
