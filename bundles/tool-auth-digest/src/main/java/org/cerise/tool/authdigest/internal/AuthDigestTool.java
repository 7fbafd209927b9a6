package org.cerise.tool.authdigest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import org.cerise.api.ConfigException;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.cerise.tool.authdigest.Ha1Source;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.auth_digest}, brought up to RFC 7616, at {@code before_handler}
 * priority 1. Without valid Digest credentials the answer is 401 with CherryPy's challenge,
 * {@code Digest realm="...", nonce="...", algorithm="MD5", qop="auth", charset="UTF-8"} (one
 * per configured algorithm, in order; {@code stale="true"} when correct credentials came with
 * an expired nonce or one this server did not make); credentials that cannot be parsed are answered 400; valid ones set
 * {@link Request#setLogin the login}.
 *
 * <p>Nonces carry their time and an HMAC under {@code key}, so that no server state is kept;
 * they are fresh for 600 seconds, as in CherryPy. With {@code qop} {@code auth-int}, a
 * {@code before_request_body} hook buffers the body of requests that use it
 * ({@link Request#bodyBytes()}), to hash it.
 */
@Component(service = Tool.class)
@CeriseTool(name = "auth_digest")
public final class AuthDigestTool implements Tool {

    static final int PRIORITY = 1;
    static final long NONCE_LIFETIME_SECONDS = 600;

    static final String UNAUTHORIZED = "You are not authorized to access that resource";
    static final String UNPARSABLE = "The Authorization header could not be parsed.";
    static final String URI_MISMATCH = "The uri of the Authorization header is not the requested URI.";

    private static final Logger LOG = LoggerFactory.getLogger("cerise.tool.auth_digest");
    private static final String AUTH = "auth";
    private static final String AUTH_INT = "auth-int";

    private final LongSupplier clock;
    private final byte[] instanceKey = new byte[32];

    /** The tool as DS makes it: the system clock, a random nonce key of its own. */
    public AuthDigestTool() {
        this(() -> System.currentTimeMillis() / 1000);
    }

    /** @param clockSeconds the time in seconds, for tests that age nonces */
    AuthDigestTool(LongSupplier clockSeconds) {
        this.clock = clockSeconds;
        new SecureRandom().nextBytes(instanceKey);
    }

    /** What one scope was set up with. */
    private static final class Settings {
        String realm;
        Charset charset;
        String charsetDeclaration;
        List<Algorithm> algorithms;
        Set<Hash> hashes;
        Set<String> qops;
        String qopList;
        boolean userhash;
        boolean debug;
        Ha1Lookup lookup;
        Nonces nonces;
        Map<Hash, String> decoys;
    }

    /** The parameters of a Digest credentials header, checked for completeness. */
    static final class Credentials {
        String username;
        boolean userhash;
        String realm;
        String nonce;
        String uri;
        String response;
        Algorithm algorithm;
        String qop;
        String nc;
        String cnonce;
    }

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("realm", "users", "ha1", "htdigest_file", "get_ha1", "key", "algorithm", "qop", "userhash",
                "accept_charset", "debug");
        Settings s = new Settings();
        s.realm = setup.stringArg("realm", null);
        if (s.realm == null) {
            throw setup.badArg("realm", "must be set: the realm named in the challenge");
        }
        if (s.realm.indexOf('"') >= 0 || s.realm.indexOf('\\') >= 0
                || s.realm.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw setup.badArg("realm", "cannot contain quotes, backslashes or control characters");
        }
        String acceptCharset = setup.stringArg("accept_charset", "utf-8");
        try {
            s.charset = Charset.forName(acceptCharset);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw setup.badArg("accept_charset", "must name a charset Java knows, such as 'utf-8'");
        }
        String upper = acceptCharset.toUpperCase(Locale.ROOT);
        s.charsetDeclaration = upper.equals("ISO-8859-1") ? "" : ", charset=\"" + upper + "\"";

        s.algorithms = new ArrayList<>();
        List<Object> algorithms = setup.listArg("algorithm");
        for (Object a : algorithms.isEmpty() ? List.<Object>of("MD5") : algorithms) {
            Algorithm alg = a instanceof String ? Algorithm.of((String) a) : null;
            if (alg == null || s.algorithms.contains(alg)) {
                throw setup.badArg("algorithm", "must be 'MD5', 'MD5-sess', 'SHA-256' or 'SHA-256-sess', or a list "
                        + "of them without repeats, preferred first");
            }
            s.algorithms.add(alg);
        }
        s.hashes = EnumSet.noneOf(Hash.class);
        s.algorithms.forEach(a -> s.hashes.add(a.hash));

        s.qops = new LinkedHashSet<>();
        List<Object> qops = setup.listArg("qop");
        for (Object q : qops.isEmpty() ? List.<Object>of(AUTH) : qops) {
            if (!AUTH.equals(q) && !AUTH_INT.equals(q)) {
                throw setup.badArg("qop", "must be 'auth', 'auth-int' or a list of both");
            }
            s.qops.add((String) q);
        }
        s.qopList = String.join(", ", s.qops);

        String key = setup.stringArg("key", null);
        if (key != null && key.isEmpty()) {
            throw setup.badArg("key", "must not be empty");
        }
        s.nonces = new Nonces(key == null ? instanceKey : key.getBytes(StandardCharsets.UTF_8), NONCE_LIFETIME_SECONDS);
        s.userhash = setup.booleanArg("userhash", false);
        s.debug = setup.booleanArg("debug", false);
        s.lookup = lookup(setup, s);
        s.decoys = new HashMap<>();
        byte[] noise = new byte[16];
        new SecureRandom().nextBytes(noise);
        for (Hash h : Hash.values()) {
            s.decoys.put(h, h.hex(noise));
        }

        int priority = setup.priority(PRIORITY);
        if (s.qops.contains(AUTH_INT)) {
            setup.hook(HookPoint.BEFORE_REQUEST_BODY, priority, false, (request, response) -> bufferBodyForAuthInt(request, s));
        }
        setup.hook(HookPoint.BEFORE_HANDLER, priority, false, (request, response) -> authenticate(request, response, s));
    }

    private void authenticate(Request request, Response response, Settings s) throws IOException {
        String header = request.header("Authorization");
        if (header == null || !isDigest(header.strip())) {
            throw challenge(response, s, false);
        }
        Credentials c = parse(header.strip(), s);
        if (!c.realm.equals(s.realm)) {
            debug(s, "the realm '{}' is not this path's", c.realm);
            throw challenge(response, s, false);
        }
        String line = request.requestLine();
        String method = line.substring(0, line.indexOf(' '));
        if (!sameUri(c.uri, line.substring(line.indexOf(' ') + 1, line.lastIndexOf(' ')))) {
            throw new HttpError(400, URI_MISMATCH);
        }
        Nonces.Verdict verdict = s.nonces.check(c.nonce, s.realm, clock.getAsLong());
        Hash h = c.algorithm.hash;
        String user = c.userhash ? s.lookup.userOf(c.username, h) : c.username;
        String ha1 = user == null ? null : s.lookup.ha1(user, h);
        // Buffered at before_request_body already, so this reads nothing more.
        byte[] body = AUTH_INT.equals(c.qop) ? request.bodyBytes() : null;
        // An unknown user costs the same work as a wrong password.
        String expected = requestDigest(ha1 == null ? s.decoys.get(h) : ha1, c, method, body);
        boolean matches = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                c.response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        if (!matches || ha1 == null) {
            debug(s, "wrong credentials for '{}'", user);
            throw challenge(response, s, false);
        }
        if (verdict != Nonces.Verdict.FRESH) {
            // RFC 7616: a valid digest over an expired or unknown nonce shows that the client
            // knows the password, so it may retry with a new nonce without asking the user.
            debug(s, verdict == Nonces.Verdict.STALE ? "the nonce of '{}' is stale" : "the nonce of '{}' is not ours",
                    user);
            throw challenge(response, s, true);
        }
        debug(s, "'{}' authenticated", user);
        request.setLogin(user);
    }

    /** RFC 7616 section 3.4.1: the response the client should have sent. */
    static String requestDigest(String ha1, Credentials c, String method, byte[] body) {
        Hash h = c.algorithm.hash;
        String key = c.algorithm.sess ? h.hex(ha1 + ":" + c.nonce + ":" + c.cnonce) : ha1;
        String a2 = AUTH_INT.equals(c.qop) ? method + ":" + c.uri + ":" + h.hex(body) : method + ":" + c.uri;
        return h.hex(key + ":" + c.nonce + ":" + c.nc + ":" + c.cnonce + ":" + c.qop + ":" + h.hex(a2));
    }

    private static boolean isDigest(String header) {
        int space = header.indexOf(' ');
        return (space < 0 ? header : header.substring(0, space)).equalsIgnoreCase("digest");
    }

    /**
     * @throws HttpError 400 with CherryPy's message if a parameter is missing, repeated or has
     *                   a value this scope does not offer
     */
    private static Credentials parse(String header, Settings s) {
        int space = header.indexOf(' ');
        Map<String, String> p;
        try {
            if (space < 0) {
                throw new IllegalArgumentException("no parameters");
            }
            p = AuthParams.parse(decode(header.substring(space + 1), s.charset));
        } catch (IllegalArgumentException e) {
            debug(s, "unparsable credentials: {}", e.getMessage());
            throw new HttpError(400, UNPARSABLE);
        }
        Credentials c = new Credentials();
        c.username = p.get("username");
        String extended = p.get("username*");
        if (extended != null) {
            if (c.username != null) {
                throw unparsable(s, "both username and username*");
            }
            c.username = extValue(extended);
            if (c.username == null) {
                throw unparsable(s, "a username* that is not an RFC 8187 value");
            }
        }
        c.realm = p.get("realm");
        c.nonce = p.get("nonce");
        c.uri = p.get("uri");
        c.response = p.get("response");
        c.qop = p.get("qop");
        c.nc = p.get("nc");
        c.cnonce = p.get("cnonce");
        if (isEmpty(c.username) || c.realm == null || isEmpty(c.nonce) || isEmpty(c.uri) || isEmpty(c.response)) {
            throw unparsable(s, "not all of username, realm, nonce, uri and response");
        }
        c.algorithm = Algorithm.of(p.getOrDefault("algorithm", "MD5"));
        if (c.algorithm == null || !s.hashes.contains(c.algorithm.hash)) {
            throw unparsable(s, "an algorithm that is not offered");
        }
        // RFC 7616 made qop mandatory; RFC 2069's digest without it is not accepted.
        if (c.qop == null || !s.qops.contains(c.qop.toLowerCase(Locale.ROOT))) {
            throw unparsable(s, "no qop, or one that is not offered");
        }
        if (isEmpty(c.nc) || isEmpty(c.cnonce)) {
            throw unparsable(s, "a qop without cnonce and nc");
        }
        c.userhash = "true".equalsIgnoreCase(p.get("userhash"));
        if (c.userhash && !s.userhash) {
            throw unparsable(s, "userhash, which is not offered");
        }
        return c;
    }

    private static HttpError unparsable(Settings s, String what) {
        debug(s, "the credentials have {}", what);
        return new HttpError(400, UNPARSABLE);
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    /**
     * The header as the client meant it: its bytes (servlet containers hand them over as
     * ISO-8859-1 characters) decoded with {@code accept_charset}, or left as ISO-8859-1 when
     * they are not valid in it, as CherryPy does.
     */
    private static String decode(String text, Charset charset) {
        if (text.chars().allMatch(c -> c < 0x80) || text.chars().anyMatch(c -> c > 0xFF)) {
            return text;
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return text;
        }
    }

    /** RFC 8187 {@code charset'language'pct-encoded}, UTF-8 or ISO-8859-1; {@code null} if malformed. */
    static String extValue(String value) {
        int q1 = value.indexOf('\'');
        int q2 = q1 < 0 ? -1 : value.indexOf('\'', q1 + 1);
        if (q2 < 0) {
            return null;
        }
        String charsetName = value.substring(0, q1);
        Charset charset;
        if (charsetName.equalsIgnoreCase("UTF-8")) {
            charset = StandardCharsets.UTF_8;
        } else if (charsetName.equalsIgnoreCase("ISO-8859-1")) {
            charset = StandardCharsets.ISO_8859_1;
        } else {
            return null;
        }
        byte[] bytes = percentDecode(value.substring(q2 + 1));
        if (bytes == null) {
            return null;
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** @return the bytes, or {@code null} if a {@code %} is not followed by two hex digits */
    private static byte[] percentDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int hi = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }

    /**
     * Whether the {@code uri} the client signed is the request-target it sent (RFC 7616
     * section 3.4.6), so that credentials seen on one URI cannot be replayed on another.
     * Containers may hand the target over with its escapes normalized; so equal after
     * percent-decoding counts too.
     */
    static boolean sameUri(String signed, String target) {
        if (signed.equals(target)) {
            return true;
        }
        byte[] a = percentDecode(signed);
        byte[] b = percentDecode(target);
        return a != null && b != null && MessageDigest.isEqual(a, b);
    }

    private HttpError challenge(Response response, Settings s, boolean stale) {
        String nonce = s.nonces.make(clock.getAsLong(), s.realm);
        response.removeHeader("WWW-Authenticate");
        for (Algorithm a : s.algorithms) {
            response.addHeader("WWW-Authenticate", "Digest realm=\"" + s.realm + "\", nonce=\"" + nonce
                    + "\", algorithm=\"" + a.token + "\", qop=\"" + s.qopList + "\""
                    + (stale ? ", stale=\"true\"" : "") + (s.userhash ? ", userhash=true" : "")
                    + s.charsetDeclaration);
        }
        return new HttpError(401, UNAUTHORIZED);
    }

    private static void debug(Settings s, String format, Object arg) {
        if (s.debug) {
            LOG.info("auth_digest: " + format, arg);
        }
    }

    /**
     * {@code auth-int} hashes the entity body, which the pipeline would otherwise consume:
     * buffer it first. The core then still parses a urlencoded form from it, and the handler
     * can read any other body from {@link Request#body()}.
     */
    private static void bufferBodyForAuthInt(Request request, Settings s) throws IOException {
        String header = request.header("Authorization");
        if (header == null || !isDigest(header.strip())) {
            return;
        }
        Credentials c;
        try {
            c = parse(header.strip(), s);
        } catch (HttpError unparsable) {
            return; // before_handler answers it
        }
        if (!AUTH_INT.equals(c.qop)) {
            return;
        }
        request.bodyBytes();
        String contentType = request.header("Content-Type");
        if (contentType != null && contentType.strip().regionMatches(true, 0, "multipart/", 0, 10)) {
            // A buffered multipart body can no longer be split into parts: leave it whole for
            // the handler rather than let a client's choice of qop make the request fail.
            request.setProcessRequestBody(false);
        }
    }

    private static Ha1Lookup lookup(ToolSetup setup, Settings s) throws ConfigException {
        Object users = setup.args().get("users");
        Object ha1 = setup.args().get("ha1");
        String file = setup.stringArg("htdigest_file", null);
        String named = setup.stringArg("get_ha1", null);
        int given = (users != null ? 1 : 0) + (ha1 != null ? 1 : 0) + (file != null ? 1 : 0) + (named != null ? 1 : 0);
        if (given != 1) {
            throw setup.badArg(users != null ? "users" : ha1 != null ? "ha1" : file != null ? "htdigest_file" : "get_ha1",
                    given == 0 ? "must be set: one of tools.auth_digest.users, .ha1, .htdigest_file or .get_ha1"
                            : "is one of several credential sources: set only one of tools.auth_digest.users, .ha1, "
                                    + ".htdigest_file and .get_ha1");
        }
        if (named != null) {
            if (s.userhash) {
                throw setup.badArg("userhash", "needs the user names, which a get_ha1 service does not list: use "
                        + "users, ha1 or htdigest_file");
            }
            // The core mounts the app again whenever the named source comes, changes or goes, so
            // the one found now serves as long as this set-up does.
            Ha1Source source = setup.service("get_ha1", Ha1Source.class, Ha1Source.NAME);
            String realm = s.realm;
            return new Ha1Lookup() {
                @Override
                public String ha1(String user, Hash hash) {
                    String value = source.ha1(realm, user, hash.jcaName);
                    return value == null || !hash.isHex(value) ? null : value.toLowerCase(Locale.ROOT);
                }

                @Override
                public String userOf(String hashedUser, Hash hash) {
                    return null;
                }
            };
        }
        if (file != null) {
            try {
                return new HtdigestFile(Path.of(file), s.realm, s.hashes);
            } catch (IOException e) {
                throw setup.badArg("htdigest_file", "cannot be read: " + e);
            } catch (HtdigestFile.BadLine e) {
                throw setup.badArg("htdigest_file", "is not an htdigest file for the algorithms offered: " + e.getMessage());
            }
        }
        String key = users != null ? "users" : "ha1";
        Object dict = users != null ? users : ha1;
        if (!(dict instanceof Map)) {
            throw setup.badArg(key, "must be a dict such as {'alice': '" + (users != null ? "secret" : "3238cdfe91a8b2ed8e39646921a02d4c") + "'}");
        }
        Map<String, String> entries = new HashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) dict).entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
                throw setup.badArg(key, "must map user names to " + (users != null ? "passwords" : "HA1 values")
                        + ", both quoted strings");
            }
            entries.put((String) e.getKey(), (String) e.getValue());
        }
        if (users != null) {
            return Ha1Table.ofPasswords(entries, s.realm, s.hashes);
        }
        Ha1Table table = new Ha1Table(s.realm);
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (!table.putHex(e.getKey(), e.getValue(), s.hashes)) {
                throw setup.badArg("ha1", "has a value for '" + e.getKey() + "' that is not a hex HA1 of "
                        + HtdigestFile.names(s.hashes) + " (the algorithms offered)");
            }
        }
        return table;
    }
}
