package org.cerise.tool.sessionauth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cerise.api.ConfigException;
import org.cerise.api.Expose;
import org.cerise.api.Request;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.core.internal.config.MissingServiceException;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.tool.sessionauth.SessionAuthenticator;
import org.cerise.tool.sessions.internal.SessionsWithRam;
import org.junit.jupiter.api.Test;

/**
 * session_auth in the real pipeline, with an in-memory stand-in for the sessions tool. The
 * expected answers were observed on CherryPy 18.8 (its SessionAuth with
 * {@code check_username_and_password}, driven with curl and a cookie jar): the login form with
 * status 200 in place of the page, {@code from_page} the page's absolute URL with its query
 * string, 405 with {@code Allow: POST} for a GET of do_login or do_logout, the form again with
 * the message after a failed login, 303 to {@code from_page} (default {@code ..}) after login
 * and logout.
 */
class SessionAuthBehaviourTest {

    public static class Site {
        public final Site sub;

        Site(boolean nest) {
            this.sub = nest ? new Site(false) : null;
        }

        @Expose
        public String page(Request request, Map<String, String> kwargs) {
            return "Page " + request.login();
        }
    }

    private static final String CONFIG = "[/]\n"
            + "tools.sessions.on = True\n"
            + "tools.session_auth.on = True\n"
            + "tools.session_auth.users = {'test': 'password'}\n";

    private static Harness harness(String config) {
        return Harness.of(new Site(true)).dispatcher("tree", new TreeDispatcher()).tool("sessions", SessionsWithRam.tool())
                .tool("session_auth", new SessionAuthTool()).config(config);
    }

    static String form(String message, String username, String fromPage) {
        return "<html><body>\n"
                + "Message: " + message + "\n"
                + "<form method=\"post\" action=\"do_login\">\n"
                + "    Login: <input type=\"text\" name=\"username\" value=\"" + username + "\" size=\"10\" />\n"
                + "    <br />\n"
                + "    Password: <input type=\"password\" name=\"password\" size=\"10\" />\n"
                + "    <br />\n"
                + "    <input type=\"hidden\" name=\"from_page\" value=\"" + fromPage + "\" />\n"
                + "    <br />\n"
                + "    <input type=\"submit\" />\n"
                + "</form>\n"
                + "</body></html>";
    }

    @Test
    void aVisitorGetsTheLoginFormInsteadOfThePage() {
        Harness.Result r = new Browser(harness(CONFIG)).get("/app/page?a=1&b=%22x");
        assertEquals(200, r.status());
        assertEquals(form("", "", "http://127.0.0.1:8080/app/page?a=1&amp;b=%22x"), r.text());
        assertTrue(r.header("Content-Type").startsWith("text/html"), r.header("Content-Type"));
    }

    @Test
    void theLoginScreenItself() {
        Harness h = harness(CONFIG);
        assertEquals(form("", "", ".."), new Browser(h).get("/app/login_screen").text());
        assertEquals(form("", "", ".."), new Browser(h).get("/app/sub/login_screen").text());
        Harness custom = harness(CONFIG + "tools.session_auth.login_screen = 'signin'\n");
        assertEquals(form("", "", ".."), new Browser(custom).get("/app/signin").text());
    }

    @Test
    void doLoginAndDoLogoutArePostOnly() {
        Browser b = new Browser(harness(CONFIG));
        for (String path : List.of("/app/do_login", "/app/do_logout")) {
            Harness.Result r = b.get(path);
            assertEquals(405, r.status(), path);
            assertEquals("POST", r.header("Allow"), path);
            assertTrue(r.text().contains("<p>Specified method is invalid for this resource</p>"), r.text());
        }
    }

    @Test
    void aWrongLoginShowsTheFormAgainWithTheMessage() {
        Harness.Result r = new Browser(harness(CONFIG)).post("/app/do_login",
                "username=test&password=bad&from_page=/app/page");
        assertEquals(200, r.status());
        assertEquals(form("Wrong login/password", "test", "/app/page"), r.text());
    }

    @Test
    void loginThenPageThenLogout() {
        Browser b = new Browser(harness(CONFIG));
        b.get("/app/page");
        String before = b.cookies.get("session_id");
        Harness.Result login = b.post("/app/do_login", "username=test&password=password&from_page=/app/page");
        assertEquals(303, login.status());
        assertEquals("http://127.0.0.1:8080/app/page", login.header("Location"));
        assertNotEquals(before, b.cookies.get("session_id"), "a new session id after login");
        assertEquals("Page test", b.get("/app/page").text());
        assertEquals("Page test", b.get("/app/sub/page").text());

        Harness.Result logout = b.post("/app/sub/do_logout", "");
        assertEquals(303, logout.status());
        assertEquals("http://127.0.0.1:8080/app/", logout.header("Location"), "from_page '..' of /app/sub/do_logout");
        assertTrue(b.get("/app/page").text().contains("<form method=\"post\" action=\"do_login\">"));
    }

    @Test
    void fromPageDefaultsAsInCherryPy() {
        Browser b = new Browser(harness(CONFIG));
        assertEquals("http://127.0.0.1:8080/", b.post("/app/do_login", "username=test&password=password")
                .header("Location"));
        assertEquals("http://127.0.0.1:8080/app/", b.post("/app/sub/do_login", "username=test&password=password&extra=1")
                .header("Location"));
        assertEquals("http://127.0.0.1:8080/", b.post("/app/do_login", "username=test&password=password&from_page=")
                .header("Location"));
        assertEquals("http://127.0.0.1:8080/x", b.post("/app/do_logout", "from_page=/x").header("Location"));
    }

    @Test
    void fromPageCannotLeaveTheSite() {
        Browser b = new Browser(harness(CONFIG));
        for (String target : List.of("https://evil.example/", "//evil.example/x", "javascript:alert(1)")) {
            assertEquals("http://127.0.0.1:8080/", b.post("/app/do_login", "username=test&password=password&from_page="
                    + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8)).header("Location"),
                    target);
        }
        assertEquals("http://127.0.0.1:8080/app/page?a=1", b.post("/app/do_login",
                "username=test&password=password&from_page=http%3A%2F%2F127.0.0.1%3A8080%2Fapp%2Fpage%3Fa%3D1")
                .header("Location"), "the form's own from_page");
    }

    @Test
    void missingFieldsAre400() {
        Harness.Result r = new Browser(harness(CONFIG)).post("/app/do_login", "username=test");
        assertEquals(400, r.status());
        assertTrue(r.text().contains("<p>Missing parameters: password</p>"), r.text());
    }

    @Test
    void whatTheClientSentIsEscapedInTheForm() {
        Harness.Result r = new Browser(harness(CONFIG)).post("/app/do_login",
                "username=%22%3E%3Cscript%3Ex%3C%2Fscript%3E&password=bad&from_page=%22%3E");
        assertEquals(form("Wrong login/password", "&quot;&gt;&lt;script&gt;x&lt;/script&gt;", "&quot;&gt;"), r.text());
    }

    @Test
    void anAnonymousNameLetsVisitorsThrough() {
        Browser b = new Browser(harness(CONFIG + "tools.session_auth.anonymous = 'guest'\n"));
        assertEquals("Page guest", b.get("/app/page").text());
    }

    @Test
    void aNamedAuthenticatorChecksAndHearsEveryEvent() {
        List<String> events = new ArrayList<>();
        SessionAuthenticator staff = new SessionAuthenticator() {
            @Override
            public String checkUsernameAndPassword(String username, String password) {
                events.add("check " + username);
                return password.equals("pw") ? null : "No, " + username;
            }

            @Override
            public void onLogin(String username) {
                events.add("login " + username);
            }

            @Override
            public void onLogout(String username) {
                events.add("logout " + username);
            }

            @Override
            public void onCheck(String username) {
                events.add("check-ok " + username);
            }
        };
        Browser b = new Browser(harness("[/]\ntools.sessions.on = True\ntools.session_auth.on = True\n"
                + "tools.session_auth.check_username_and_password = 'staff'\n"
                + "tools.session_auth.session_key = 'who'\ntools.session_auth.regenerate_id = False\n")
                .service(SessionAuthenticator.class, SessionAuthenticator.NAME, "staff", staff));
        b.get("/app/page");
        String id = b.cookies.get("session_id");
        assertEquals(form("No, carol", "carol", ".."), b.post("/app/do_login", "username=carol&password=x").text());
        assertEquals(303, b.post("/app/do_login", "username=carol&password=pw").status());
        assertEquals(id, b.cookies.get("session_id"), "regenerate_id = False keeps the id");
        assertEquals("Page carol", b.get("/app/page").text());
        b.post("/app/do_logout", "");
        assertEquals(List.of("check carol", "check carol", "login carol", "check-ok carol", "logout carol"), events);
    }

    @Test
    void withoutTheNamedAuthenticatorTheAppWaitsForIt() {
        Harness h = harness("[/]\ntools.sessions.on = True\ntools.session_auth.on = True\n"
                + "tools.session_auth.check_username_and_password = 'staff'\n");
        ConfigException e = assertThrows(ConfigException.class, h::compile);
        assertInstanceOf(MissingServiceException.class, e, "the app waits (503) rather than failing");
        assertEquals("Config error in app.conf, line 4, section [/], key 'tools.session_auth.check_username_and_password': "
                + "'staff' names no registered service: the app waits for a service "
                + "org.cerise.tool.sessionauth.SessionAuthenticator registered with cerise.session_authenticator.name=staff",
                e.getMessage());

        h.service(SessionAuthenticator.class, SessionAuthenticator.NAME, "staff", (user, password) -> null);
        Browser b = new Browser(h);
        assertEquals(303, b.post("/app/do_login", "username=carol&password=any").status());
        assertEquals("Page carol", b.get("/app/page").text());
        h.service(SessionAuthenticator.class, SessionAuthenticator.NAME, "staff", null);
        assertInstanceOf(MissingServiceException.class, assertThrows(ConfigException.class, h::compile),
                "once the authenticator goes the app stops serving");
    }

    @Test
    void withoutSessionsItFails() {
        Harness.Result r = harness("[/]\ntools.session_auth.on = True\ntools.session_auth.users = {'a': 'b'}\n")
                .get("/app/page");
        assertEquals(500, r.status());
        assertTrue(r.text().contains("tools.sessions.on = True"), r.text());
    }

    @Test
    void aPreflightAnsweredBeforeTheHandlerIsNotSentTheLoginForm() {
        // Any tool that answers the request itself, as the cors tool answers a preflight.
        Tool preflight = setup -> setup.hook(HookPoint.ON_START_RESOURCE, 50, false, (request, response) -> {
            if (request.method().equals("OPTIONS")) {
                response.setStatus(204);
                request.markAnswered();
            }
        });
        Harness h = harness(CONFIG + "tools.preflight.on = True\n").tool("preflight", preflight);
        Harness.Result r = h.request("OPTIONS", "/app/page", null);
        assertEquals(204, r.status());
        assertEquals("", r.text());
        assertTrue(h.get("/app/page").text().contains("<form method=\"post\" action=\"do_login\">"),
                "a request nobody answered still needs a login");
    }
}
