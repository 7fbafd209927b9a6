package org.cerise.tool.authdigest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.cerise.api.ConfigException;
import org.cerise.api.Expose;
import org.cerise.api.Request;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.core.internal.config.MissingServiceException;
import org.cerise.core.internal.mount.Harness;
import org.cerise.dispatch.tree.internal.TreeDispatcher;
import org.cerise.tool.authdigest.Ha1Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * auth_digest in the real pipeline. Expected answers observed on CherryPy 18.8 (realm
 * 'wonderland', curl --digest and hand-made headers): the challenge
 * {@code Digest realm="wonderland", nonce="...", algorithm="MD5", qop="auth", charset="UTF-8"},
 * {@code stale="true"} inserted before the charset for correct credentials with an expired
 * nonce, 401 for other schemes, forged nonces and wrong passwords, and 400 "The Authorization
 * header could not be parsed." for a bare {@code Digest}, missing parameters, an unknown
 * algorithm or qop.
 */
class AuthDigestBehaviourTest {

    public static class Site {
        @Expose
        public String index(Request request, Map<String, String> kwargs) {
            return "Hello " + request.login();
        }

        @Expose
        public String form(Request request, String a) {
            return request.login() + " sent a=" + a;
        }

        @Expose
        public String raw(Request request) throws IOException {
            return request.login() + " sent " + new String(request.body().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static final String CONFIG = "[/]\n"
            + "tools.auth_digest.on = True\n"
            + "tools.auth_digest.realm = 'wonderland'\n"
            + "tools.auth_digest.key = 'a565c27146791cfb'\n"
            + "tools.auth_digest.users = {'alice': '4x5istwelve', 'nopass': '', '☃йюзер': 'їпароль'}\n";

    private final AtomicLong now = new AtomicLong(1_800_000_000L);

    private Harness harness(String config) {
        return harness(new AuthDigestTool(now::get), config);
    }

    private static Harness harness(AuthDigestTool tool, String config) {
        return Harness.of(new Site()).dispatcher("tree", new TreeDispatcher()).tool("auth_digest", tool).config(config);
    }

    private static String challenge(Harness h, String target) {
        Harness.Result r = h.get(target);
        assertEquals(401, r.status());
        return r.header("WWW-Authenticate");
    }

    private static DigestClient.Answer answer(Harness h, String user, String password) {
        return new DigestClient.Answer(challenge(h, "/app/"), user, password, "/app/");
    }

    @Test
    void theChallengeIsCherryPys() {
        Harness.Result r = harness(CONFIG).get("/app/");
        assertEquals(401, r.status());
        assertEquals(1, r.headers("WWW-Authenticate").size());
        String c = r.header("WWW-Authenticate");
        assertTrue(c.matches("Digest realm=\"wonderland\", nonce=\"1800000000:[0-9a-f]{64}\", algorithm=\"MD5\", "
                + "qop=\"auth\", charset=\"UTF-8\""), c);
        assertTrue(r.text().contains("<p>You are not authorized to access that resource</p>"), r.text());
        String latin1 = challenge(harness(CONFIG + "tools.auth_digest.accept_charset = 'ISO-8859-1'\n"), "/app/");
        assertTrue(latin1.endsWith("qop=\"auth\""), latin1);
    }

    @Test
    void correctCredentialsSetTheLogin() {
        Harness h = harness(CONFIG);
        Harness.Result r = h.get("/app/", answer(h, "alice", "4x5istwelve").header());
        assertEquals(200, r.status(), r.toString());
        assertEquals("Hello alice", r.text());
        assertNull(r.header("WWW-Authenticate"));
    }

    @Test
    void wrongUnknownEmptyOrOtherSchemeAre401WithAFreshChallenge() {
        Harness h = harness(CONFIG);
        List<String> headers = List.of(
                answer(h, "alice", "wrong").header(),
                answer(h, "bob", "4x5istwelve").header(),
                answer(h, "nopass", "").header(),
                answer(h, "alice", "wrong").with(a -> a.nonce = "1800000000:" + "0".repeat(64)).header(),
                answer(h, "alice", "4x5istwelve").with(a -> a.realm = "wrong realm").header(),
                "Authorization: Basic YWxpY2U6NHg1aXN0d2VsdmU=",
                "Authorization: Bearer x");
        for (String header : headers) {
            Harness.Result r = h.get("/app/", header);
            assertEquals(401, r.status(), header);
            assertTrue(r.header("WWW-Authenticate").startsWith("Digest realm=\"wonderland\", nonce=\""), header);
            assertFalse(r.header("WWW-Authenticate").contains("stale"), header);
        }
    }

    @Test
    void malformedCredentialsAre400AsInCherryPy() {
        Harness h = harness(CONFIG);
        String good = answer(h, "alice", "4x5istwelve").header().substring("Authorization: Digest ".length());
        List<String> headers = List.of(
                "Digest",
                "Digest foo",
                "Digest username=\"alice\"",
                "Digest username=\"alice\", realm=\"wonderland\", nonce=\"1:abc\", uri=\"/app/\", response=\"x\", "
                        + "algorithm=\"SHA-512\", qop=auth, nc=00000001, cnonce=\"x\"",
                "Digest username=\"alice\", realm=\"wonderland\", nonce=\"1:abc\", uri=\"/app/\", response=\"x\", "
                        + "qop=foo, nc=1, cnonce=x",
                // RFC 2069 style, without qop: CherryPy takes it, RFC 7616 does not
                "Digest username=\"alice\", realm=\"wonderland\", nonce=\"1:abc\", uri=\"/app/\", response=\"x\"",
                "Digest username=\"alice\", realm=\"wonderland\", nonce=\"1:abc\", uri=\"/app/\", response=\"x\", qop=auth",
                "Digest " + good + ", realm=\"again\"",
                "Digest " + good + ", username*=UTF-8''alice",
                "Digest " + good + ", userhash=true",
                "Digest " + good.replace("realm=\"wonderland\"", "realm=\"wonderland"));
        for (String header : headers) {
            Harness.Result r = h.get("/app/", "Authorization: " + header);
            assertEquals(400, r.status(), header);
            assertTrue(r.text().contains("<p>The Authorization header could not be parsed.</p>"), header);
        }
    }

    @Test
    void theSignedUriMustBeTheRequestedOne() {
        Harness h = harness(CONFIG);
        Harness.Result r = h.get("/app/", answer(h, "alice", "4x5istwelve").with(a -> a.uri = "/app/other").header());
        assertEquals(400, r.status());
        assertTrue(r.text().contains("The uri of the Authorization header is not the requested URI."), r.text());
        // CherryPy's own test target, with escapes and a query string
        String target = "/app/?@/=%2F%40&%f0%9f%99%88=path";
        DigestClient.Answer a = new DigestClient.Answer(challenge(h, target), "alice", "4x5istwelve", target);
        assertEquals("Hello alice", h.get(target, a.header()).text());
        DigestClient.Answer relaxed = new DigestClient.Answer(challenge(h, target), "alice", "4x5istwelve",
                "/app/?%40/=%2F%40&%F0%9F%99%88=path");
        assertEquals(200, h.get(target, relaxed.header()).status(), "the same URI, escaped differently");
    }

    @Test
    void anExpiredNonceWithCorrectCredentialsEarnsAStaleChallenge() {
        Harness h = harness(CONFIG);
        String ok = answer(h, "alice", "4x5istwelve").header();
        String wrong = answer(h, "alice", "nope").header();
        now.addAndGet(599);
        assertEquals(200, h.get("/app/", ok).status());
        now.addAndGet(1);
        Harness.Result r = h.get("/app/", ok);
        assertEquals(401, r.status());
        assertTrue(r.header("WWW-Authenticate").matches("Digest realm=\"wonderland\", nonce=\"1800000600:[0-9a-f]{64}\", "
                + "algorithm=\"MD5\", qop=\"auth\", stale=\"true\", charset=\"UTF-8\""), r.header("WWW-Authenticate"));
        assertFalse(h.get("/app/", wrong).header("WWW-Authenticate").contains("stale"), "no hint for wrong credentials");
        // RFC 7616: so is a nonce that is not ours at all, where CherryPy refuses without stale
        String forged = answer(h, "alice", "4x5istwelve").with(a -> a.nonce = "garbage").header();
        assertTrue(h.get("/app/", forged).header("WWW-Authenticate").contains("stale=\"true\""));
        // the client retries with the new nonce
        DigestClient.Answer retry = new DigestClient.Answer(r.header("WWW-Authenticate"), "alice", "4x5istwelve", "/app/");
        assertEquals(200, h.get("/app/", retry.header()).status());
    }

    @Test
    void sha256AndMd5AreOfferedInOrderAndBothWork() {
        Harness h = harness(CONFIG + "tools.auth_digest.algorithm = ['SHA-256', 'MD5']\n");
        Harness.Result r = h.get("/app/");
        List<String> challenges = r.headers("WWW-Authenticate");
        assertEquals(2, challenges.size(), challenges.toString());
        assertTrue(challenges.get(0).contains("algorithm=\"SHA-256\""), challenges.get(0));
        assertTrue(challenges.get(1).contains("algorithm=\"MD5\""), challenges.get(1));
        assertEquals(DigestClient.params(challenges.get(0)).get("nonce"), DigestClient.params(challenges.get(1)).get("nonce"));
        for (String challenge : challenges) {
            DigestClient.Answer a = new DigestClient.Answer(challenge, "alice", "4x5istwelve", "/app/");
            assertEquals("Hello alice", h.get("/app/", a.header()).text(), challenge);
        }
        DigestClient.Answer sess = new DigestClient.Answer(challenges.get(0), "alice", "4x5istwelve", "/app/")
                .with(a -> a.algorithm = "SHA-256-sess");
        assertEquals("Hello alice", h.get("/app/", sess.header()).text());
    }

    @Test
    void md5SessAndAMissingAlgorithmAreTakenLikeCherryPyButSha256OnlyWhenOffered() {
        Harness h = harness(CONFIG);
        assertEquals(200, h.get("/app/", answer(h, "alice", "4x5istwelve").with(a -> a.algorithm = "MD5-sess").header())
                .status());
        assertEquals(200, h.get("/app/", answer(h, "alice", "4x5istwelve").with(a -> a.sendAlgorithm = false).header())
                .status());
        assertEquals(400, h.get("/app/", answer(h, "alice", "4x5istwelve").with(a -> a.algorithm = "SHA-256").header())
                .status());
    }

    @Test
    void authIntHashesTheBodyAndTheFormStillReachesTheHandler() {
        Harness h = harness(CONFIG + "tools.auth_digest.qop = ['auth', 'auth-int']\n");
        String challenge = challenge(h, "/app/");
        assertTrue(challenge.contains("qop=\"auth, auth-int\""), challenge);
        assertEquals("Hello alice", h.get("/app/", new DigestClient.Answer(challenge, "alice", "4x5istwelve", "/app/")
                .with(a -> a.qop = "auth-int").header()).text());

        byte[] body = "a=%C3%A9t%C3%A9+1".getBytes(StandardCharsets.US_ASCII);
        DigestClient.Answer post = new DigestClient.Answer(challenge, "alice", "4x5istwelve", "/app/form")
                .with(a -> {
                    a.qop = "auth-int";
                    a.method = "POST";
                    a.body = body;
                });
        Harness.Result r = h.request("POST", "/app/form", body, post.header(),
                "Content-Type: application/x-www-form-urlencoded");
        assertEquals("alice sent a=été 1", r.text(), r.toString());

        byte[] tampered = "a=2".getBytes(StandardCharsets.US_ASCII);
        assertEquals(401, h.request("POST", "/app/form", tampered, post.header(),
                "Content-Type: application/x-www-form-urlencoded").status());
        DigestClient.Answer plain = new DigestClient.Answer(challenge, "alice", "4x5istwelve", "/app/form")
                .with(a -> a.method = "POST");
        assertEquals("alice sent a=2", h.request("POST", "/app/form", tampered, plain.header(),
                "Content-Type: application/x-www-form-urlencoded").text(), "qop=auth leaves the body to the pipeline");
    }

    private static DigestClient.Answer authIntPost(String challenge, String uri, byte[] body) {
        return new DigestClient.Answer(challenge, "alice", "4x5istwelve", uri).with(a -> {
            a.qop = "auth-int";
            a.method = "POST";
            a.body = body;
        });
    }

    @Test
    void authIntLeavesBodiesThatAreNoUrlencodedFormToTheHandler() {
        Harness h = harness(CONFIG + "tools.auth_digest.qop = 'auth-int'\n");
        String challenge = challenge(h, "/app/");
        byte[] json = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
        assertEquals("alice sent {\"a\": 1}", h.request("POST", "/app/raw", json,
                authIntPost(challenge, "/app/raw", json).header(), "Content-Type: application/json").text());
        // Hashed whole, a multipart form cannot be split into parts any more: the handler gets it as it came.
        String multipart = "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n";
        byte[] bytes = multipart.getBytes(StandardCharsets.UTF_8);
        Harness.Result r = h.request("POST", "/app/raw", bytes, authIntPost(challenge, "/app/raw", bytes).header(),
                "Content-Type: multipart/form-data; boundary=x");
        assertEquals("alice sent " + multipart, r.text(), r.toString());
    }

    @Test
    void anAuthIntBodyIsBoundedAndDecodedAsThePipelineDoes() {
        Harness h = harness(CONFIG + "tools.auth_digest.qop = 'auth-int'\nrequest.body.maxbytes = 8\n");
        String challenge = challenge(h, "/app/");
        byte[] big = "a=123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(413, h.request("POST", "/app/form", big, authIntPost(challenge, "/app/form", big).header(),
                "Content-Type: application/x-www-form-urlencoded").status());
        byte[] latin1 = "a=%E9".getBytes(StandardCharsets.US_ASCII);
        Harness.Result r = h.request("POST", "/app/form", latin1, authIntPost(challenge, "/app/form", latin1).header(),
                "Content-Type: application/x-www-form-urlencoded");
        assertEquals(400, r.status());
        assertTrue(r.text().contains("The request entity could not be decoded. The following charsets were attempted: "
                + "['utf-8']"), r.text());
        assertEquals("alice sent a=é", h.request("POST", "/app/form", latin1,
                authIntPost(challenge, "/app/form", latin1).header(),
                "Content-Type: application/x-www-form-urlencoded; charset=ISO-8859-1").text());
    }

    @Test
    void authIntIsRefusedUnlessOffered() {
        Harness h = harness(CONFIG);
        assertEquals(400, h.get("/app/", answer(h, "alice", "4x5istwelve").with(a -> a.qop = "auth-int").header()).status());
    }

    @Test
    void unicodeUserNamesAsRawUtf8OrRfc8187() {
        Harness h = harness(CONFIG);
        DigestClient.Answer a = answer(h, "☃йюзер", "їпароль");
        // a servlet container hands the header's UTF-8 bytes over as ISO-8859-1 characters
        String raw = new String(a.header().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals("Hello ☃йюзер", h.get("/app/", raw).text());
        assertEquals("Hello ☃йюзер", h.get("/app/", a.header()).text(), "already decoded");
        String extended = a.header().replace("username=\"☃йюзер\"",
                "username*=UTF-8''%E2%98%83%D0%B9%D1%8E%D0%B7%D0%B5%D1%80");
        assertEquals("Hello ☃йюзер", h.get("/app/", extended).text(), extended);
    }

    @Test
    void userhashWhenOffered() {
        Harness h = harness(CONFIG + "tools.auth_digest.userhash = True\n");
        String challenge = challenge(h, "/app/");
        assertTrue(challenge.endsWith("qop=\"auth\", userhash=true, charset=\"UTF-8\""), challenge);
        DigestClient.Answer a = new DigestClient.Answer(challenge, "alice", "4x5istwelve", "/app/").with(x -> x.userhash = true);
        assertEquals("Hello alice", h.get("/app/", a.header()).text());
        a.password = "wrong";
        assertEquals(401, h.get("/app/", a.header()).status());
    }

    @Test
    void precomputedHa1AsCherryPysGetHa1Dict() {
        // alice:wonderland:4x5istwelve, from CherryPy's documentation
        Harness h = harness("[/]\ntools.auth_digest.on = True\ntools.auth_digest.realm = 'wonderland'\n"
                + "tools.auth_digest.ha1 = {'alice': '3238cdfe91a8b2ed8e39646921a02d4c'}\n");
        assertEquals("Hello alice", h.get("/app/", answer(h, "alice", "4x5istwelve").header()).text());
    }

    @Test
    void anHtdigestFileIsReadAndReloadedWhenItChanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.htdigest");
        Files.writeString(file, "alice:wonderland:3238cdfe91a8b2ed8e39646921a02d4c\n"
                + "alice:elsewhere:00000000000000000000000000000000\n\n");
        Harness h = harness("[/]\ntools.auth_digest.on = True\ntools.auth_digest.realm = 'wonderland'\n"
                + "tools.auth_digest.htdigest_file = '" + file + "'\n");
        assertEquals("Hello alice", h.get("/app/", answer(h, "alice", "4x5istwelve").header()).text());

        String ha1 = DigestClient.h("MD5", "alice:wonderland:new password");
        Files.writeString(file, "alice:wonderland:" + ha1 + "\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        Thread.sleep(1100);
        assertEquals(401, h.get("/app/", answer(h, "alice", "4x5istwelve").header()).status());
        assertEquals("Hello alice", h.get("/app/", answer(h, "alice", "new password").header()).text());
    }

    private static final String NAMED = "[/]\ntools.auth_digest.on = True\ntools.auth_digest.realm = 'wonderland'\n"
            + "tools.auth_digest.algorithm = ['MD5', 'SHA-256']\ntools.auth_digest.get_ha1 = 'accounts'\n";

    @Test
    void aNamedHa1SourceIsAskedWithTheHashOfTheClientsAlgorithm() {
        Ha1Source accounts = (realm, user, hash) -> user.equals("carol")
                ? DigestClient.h(hash, "carol:" + realm + ":pw") : null;
        Harness h = harness(NAMED).service(Ha1Source.class, Ha1Source.NAME, "accounts", accounts);
        List<String> challenges = h.get("/app/").headers("WWW-Authenticate");
        assertEquals(2, challenges.size());
        for (String c : challenges) {
            assertEquals("Hello carol", h.get("/app/", new DigestClient.Answer(c, "carol", "pw", "/app/").header()).text());
        }

        h.service(Ha1Source.class, Ha1Source.NAME, "accounts", (realm, user, hash) -> user.equals("carol")
                ? DigestClient.h(hash, "carol:" + realm + ":new") : null);
        assertEquals(401, h.get("/app/", new DigestClient.Answer(challenges.get(0), "carol", "pw", "/app/").header())
                .status(), "the source registered under the name now is asked");
        assertEquals("Hello carol", h.get("/app/", new DigestClient.Answer(challenges.get(0), "carol", "new", "/app/")
                .header()).text());
    }

    @Test
    void withoutTheNamedHa1SourceTheAppWaitsForIt() {
        Harness h = harness(NAMED);
        ConfigException e = assertThrows(ConfigException.class, h::compile);
        assertInstanceOf(MissingServiceException.class, e, "the app waits (503) rather than failing");
        assertEquals("Config error in app.conf, line 5, section [/], key 'tools.auth_digest.get_ha1': 'accounts' names no "
                + "registered service: the app waits for a service org.cerise.tool.authdigest.Ha1Source registered with "
                + "cerise.ha1_source.name=accounts", e.getMessage());

        h.service(Ha1Source.class, Ha1Source.NAME, "accounts", (realm, user, hash) -> DigestClient.h(hash, user + ":" + realm + ":pw"));
        assertEquals("Hello carol", h.get("/app/", new DigestClient.Answer(challenge(h, "/app/"), "carol", "pw", "/app/")
                .header()).text());
        h.service(Ha1Source.class, Ha1Source.NAME, "accounts", null);
        assertInstanceOf(MissingServiceException.class, assertThrows(ConfigException.class, h::compile),
                "once the source goes the app stops serving");
    }

    @Test
    void nodesThatShareAKeyShareNoncesOthersDoNot() {
        String noKey = CONFIG.replace("tools.auth_digest.key = 'a565c27146791cfb'\n", "");
        Harness a = harness(new AuthDigestTool(now::get), noKey);
        Harness b = harness(new AuthDigestTool(now::get), noKey);
        String fromA = answer(a, "alice", "4x5istwelve").header();
        assertEquals(200, a.get("/app/", fromA).status());
        Harness.Result r = b.get("/app/", fromA);
        assertEquals(401, r.status(), "another tool instance has another random key");
        assertTrue(r.header("WWW-Authenticate").contains("stale=\"true\""), "but the client knows the password");
        assertNotEquals(DigestClient.params(challenge(a, "/app/")).get("nonce"),
                DigestClient.params(challenge(b, "/app/")).get("nonce"));

        Harness c = harness(new AuthDigestTool(now::get), CONFIG);
        Harness d = harness(new AuthDigestTool(now::get), CONFIG);
        assertEquals(200, d.get("/app/", answer(c, "alice", "4x5istwelve").header()).status(), "same key");
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
        Harness h = harness(CONFIG + "tools.auth_digest.qop = ['auth', 'auth-int']\ntools.preflight.on = True\n")
                .tool("preflight", preflight);
        assertEquals(204, h.request("OPTIONS", "/app/", null).status());
        assertEquals(401, h.get("/app/").status(), "a request nobody answered still needs credentials");
    }
}
