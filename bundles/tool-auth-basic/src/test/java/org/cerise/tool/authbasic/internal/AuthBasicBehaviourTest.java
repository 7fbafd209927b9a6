package org.cerise.tool.authbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.cerise.api.ConfigException;
import org.cerise.api.Expose;
import org.cerise.api.Request;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.core.internal.config.MissingServiceException;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.tool.authbasic.PasswordChecker;
import org.junit.jupiter.api.Test;

/**
 * auth_basic in the real pipeline. The expected answers were observed on CherryPy 18.8 with
 * {@code checkpassword_dict} and {@code curl}: the exact {@code WWW-Authenticate} values, 401 for
 * no, wrong or non-Basic credentials, 400 for headers that do not decode, and the leniency of
 * its base64 decoding.
 */
class AuthBasicBehaviourTest {

    public static class Site {
        @Expose
        public String index(Request request) {
            return "Hello " + request.login();
        }

        @Expose
        public String open(Request request) {
            return "open to " + request.login();
        }
    }

    private static final String CONFIG = "[/]\n"
            + "tools.auth_basic.on = True\n"
            + "tools.auth_basic.realm = 'earth'\n"
            + "tools.auth_basic.users = {'alice': 'secret', 'xюзер': 'їжа', 'jürgen': 'pässword', 'nopass': ''}\n";

    private static Harness harness(String config) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("auth_basic", new AuthBasicTool())
                .config(config);
    }

    private static String basic(String userPass) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noCredentialsIsA401WithCherryPysChallenge() {
        Harness.Result r = harness(CONFIG).get("/app/");
        assertEquals(401, r.status());
        assertEquals(List.of("Basic realm=\"earth\", charset=\"UTF-8\""), r.headers("WWW-Authenticate"));
        assertTrue(r.text().contains("<p>You are not authorized to access that resource</p>"), r.text());
    }

    @Test
    void anIsoLatin1CharsetIsNotDeclared() {
        Harness.Result r = harness(CONFIG + "tools.auth_basic.accept_charset = 'ISO-8859-1'\n").get("/app/");
        assertEquals("Basic realm=\"earth\"", r.header("WWW-Authenticate"));
    }

    @Test
    void validCredentialsSetTheLogin() {
        Harness.Result r = harness(CONFIG).get("/app/", "Authorization: Basic YWxpY2U6c2VjcmV0");
        assertEquals(200, r.status());
        assertEquals("Hello alice", r.text());
        assertNull(r.header("WWW-Authenticate"));
    }

    @Test
    void wrongUnknownEmptyOrOtherSchemeCredentialsAre401() {
        Harness h = harness(CONFIG);
        for (String header : List.of(basic("alice:wrong"), basic("bob:secret"), basic("nopass:"), basic("alice:"),
                "Authorization: Bearer xyz", "Authorization: Digest username=\"alice\"")) {
            Harness.Result r = h.get("/app/", header);
            assertEquals(401, r.status(), header);
            assertEquals("Basic realm=\"earth\", charset=\"UTF-8\"", r.header("WWW-Authenticate"), header);
        }
    }

    @Test
    void headersThatDoNotDecodeAre400AsInCherryPy() {
        Harness h = harness(CONFIG);
        for (String header : List.of("Authorization: Basic", "Authorization: Bearer", "Authorization: Basic !!!",
                "Authorization: Basic YWxpY2U=", "Authorization: Basic YWxpY2U6c2VjcmV", "Authorization: Basic é",
                "Authorization: Basic Y", "Authorization: Basic YWxpY2U6c2VjcmV0=x")) {
            Harness.Result r = h.get("/app/", header);
            assertEquals(400, r.status(), header);
            assertTrue(r.text().contains("<p>Bad Request</p>"), r.text());
            assertNull(r.header("WWW-Authenticate"), header);
        }
    }

    @Test
    void base64IsDecodedAsLenientlyAsCherryPy() {
        Harness h = harness(CONFIG);
        for (String header : List.of("Authorization: basic YWxpY2U6c2VjcmV0", "Authorization: Basic  YWxpY2U6c2VjcmV0",
                "Authorization: Basic YWxp Y2U6c2VjcmV0", "Authorization: Basic YWxpY2U6c2VjcmV0==",
                "Authorization: BASIC YWxpY2U6c2VjcmV0!")) {
            assertEquals("Hello alice", h.get("/app/", header).text(), header);
        }
    }

    @Test
    void utf8CredentialsAndTheLatin1Fallback() {
        Harness h = harness(CONFIG);
        // CherryPy's own test vector for user 'xюзер', password 'їжа'
        assertEquals("Hello xюзер", h.get("/app/", "Authorization: Basic eNGO0LfQtdGAOtGX0LbQsA==").text());
        assertEquals(401, h.get("/app/", "Authorization: Basic eNGO0LfQtdGAOtGX0LbRgw==").status());
        String latin1 = Base64.getEncoder().encodeToString("jürgen:pässword".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("Hello jürgen", h.get("/app/", "Authorization: Basic " + latin1).text());
        // NFC: a decomposed ü from the client matches the composed one in config
        assertEquals("Hello jürgen", h.get("/app/", basic("ju\u0308rgen:pa\u0308ssword")).text());
    }

    private static final String NAMED = "[/]\ntools.auth_basic.on = True\ntools.auth_basic.realm = 'earth'\n"
            + "tools.auth_basic.checkpassword = 'ldap'\n";

    @Test
    void aNamedPasswordCheckerServiceIsAskedAndReplacedWhenAnotherTakesItsName() {
        List<String> asked = new ArrayList<>();
        PasswordChecker ldap = (realm, user, password) -> {
            asked.add(realm + "/" + user + "/" + password);
            return user.equals("carol") && password.equals("pw");
        };
        Harness h = harness(NAMED).service(PasswordChecker.class, PasswordChecker.NAME, "ldap", ldap);
        assertEquals("Hello carol", h.get("/app/", basic("carol:pw")).text());
        assertEquals(401, h.get("/app/", basic("carol:nope")).status());
        assertEquals(List.of("earth/carol/pw", "earth/carol/nope"), asked);

        h.service(PasswordChecker.class, PasswordChecker.NAME, "ldap", (realm, user, password) -> user.equals("dave"));
        assertEquals("Hello dave", h.get("/app/", basic("dave:any")).text());
        assertEquals(401, h.get("/app/", basic("carol:pw")).status(), "the new checker is asked, not the old one");
    }

    @Test
    void withoutTheNamedCheckerTheAppWaitsForItAndMountsWhenItComes() {
        Harness h = harness(NAMED).service(PasswordChecker.class, PasswordChecker.NAME, "other", (r, u, p) -> true);
        ConfigException e = assertThrows(ConfigException.class, h::compile);
        assertInstanceOf(MissingServiceException.class, e, "the app waits (503) rather than failing");
        assertEquals("Config error in app.conf, line 4, section [/], key 'tools.auth_basic.checkpassword': 'ldap' names "
                + "no registered service: the app waits for a service org.cerise.tool.authbasic.PasswordChecker "
                + "registered with cerise.password_checker.name=ldap", e.getMessage());

        h.service(PasswordChecker.class, PasswordChecker.NAME, "ldap", (r, u, p) -> u.equals("carol"));
        assertEquals("Hello carol", h.get("/app/", basic("carol:pw")).text());

        h.service(PasswordChecker.class, PasswordChecker.NAME, "ldap", null);
        assertInstanceOf(MissingServiceException.class, assertThrows(ConfigException.class, h::compile),
                "once the checker goes the app stops serving");
    }

    @Test
    void aPreflightAnsweredBeforeTheHandlerNeedsNoCredentials() {
        // Any tool that answers the request itself, as the cors tool answers a preflight.
        Tool preflight = setup -> setup.hook(HookPoint.ON_START_RESOURCE, 50, false, (request, response) -> {
            if (request.method().equals("OPTIONS")) {
                response.setStatus(204);
                request.markAnswered();
            }
        });
        Harness h = harness(CONFIG + "tools.preflight.on = True\n").tool("preflight", preflight);
        assertEquals(204, h.request("OPTIONS", "/app/", null).status());
        assertEquals(401, h.get("/app/").status(), "a request nobody answered still needs credentials");
    }

    @Test
    void offBelowAPath() {
        Harness h = harness(CONFIG + "[/open]\ntools.auth_basic.on = False\n");
        assertEquals(401, h.get("/app/").status());
        assertEquals("open to null", h.get("/app/open").text());
    }
}
