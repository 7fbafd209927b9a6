package org.cerise.tool.authbasic.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.cerise.api.ConfigException;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.cerise.tool.authbasic.PasswordChecker;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.auth_basic} (RFC 7617), at {@code before_handler} priority 1: a
 * request without valid Basic credentials is answered 401 with
 * {@code WWW-Authenticate: Basic realm="...", charset="UTF-8"}; an {@code Authorization}
 * header that cannot be decoded is answered 400; valid credentials set
 * {@link Request#setLogin the login}. Credentials come from {@code users} (a dict in config)
 * or from the {@link PasswordChecker} service named by {@code checkpassword}.
 */
@Component(service = Tool.class)
@CeriseTool(name = "auth_basic")
public final class AuthBasicTool implements Tool {

    static final int PRIORITY = 1;

    static final String UNAUTHORIZED = "You are not authorized to access that resource";

    private static final Logger LOG = LoggerFactory.getLogger("cerise.tool.auth_basic");
    private static final String FALLBACK_CHARSET = "ISO-8859-1";

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        setup.allowArgs("realm", "users", "checkpassword", "accept_charset", "debug");
        String realm = setup.stringArg("realm", null);
        if (realm == null) {
            throw setup.badArg("realm", "must be set: the realm named in the challenge");
        }
        if (realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0 || realm.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw setup.badArg("realm", "cannot contain quotes, backslashes or control characters");
        }
        String acceptCharset = setup.stringArg("accept_charset", "utf-8");
        Charset charset;
        try {
            charset = Charset.forName(acceptCharset);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw setup.badArg("accept_charset", "must name a charset Java knows, such as 'utf-8'");
        }
        boolean debug = setup.booleanArg("debug", false);
        Credentials credentials = credentials(setup);

        String upper = acceptCharset.toUpperCase(Locale.ROOT);
        String challenge = "Basic realm=\"" + realm + "\""
                + (upper.equals(FALLBACK_CHARSET) ? "" : ", charset=\"" + upper + "\"");

        setup.hook(HookPoint.BEFORE_HANDLER, setup.priority(PRIORITY), false, (request, response) -> {
            String user = authenticate(request, realm, charset, credentials);
            if (user == null) {
                if (debug) {
                    LOG.info("Auth failed for {}", request.requestLine());
                }
                throw challenge(response, challenge);
            }
            if (debug) {
                LOG.info("Auth succeeded for '{}'", user);
            }
            request.setLogin(user);
        });
    }

    /**
     * @return the user the credentials authenticate, or {@code null} if there are none (or
     *         another scheme's) or they are wrong
     * @throws HttpError 400 if the header cannot be decoded, as CherryPy
     */
    private static String authenticate(Request request, String realm, Charset charset, Credentials credentials) {
        String header = request.header("Authorization");
        if (header == null) {
            return null;
        }
        header = header.strip();
        // CherryPy splits at the first space before it looks at the scheme: no space is a 400.
        int space = header.indexOf(' ');
        if (space < 0) {
            throw new HttpError(400, "Bad Request");
        }
        if (!header.substring(0, space).equalsIgnoreCase("basic")) {
            return null;
        }
        String token = header.substring(space + 1);
        if (token.chars().anyMatch(c -> c > 0x7F)) {
            throw new HttpError(400, "Bad Request");
        }
        byte[] raw;
        try {
            raw = LenientBase64.decode(token);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "Bad Request");
        }
        String decoded = Normalizer.normalize(decode(raw, charset), Normalizer.Form.NFC);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new HttpError(400, "Bad Request");
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        return credentials.check(realm, user, password) ? user : null;
    }

    /** The accepted charset if the bytes are valid in it, else ISO-8859-1, which takes any byte. */
    private static String decode(byte[] raw, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
    }

    private static HttpError challenge(Response response, String challenge) {
        response.setHeader("WWW-Authenticate", challenge);
        return new HttpError(401, UNAUTHORIZED);
    }

    /** Where the passwords are: {@code users} or the checker named by {@code checkpassword}. */
    @FunctionalInterface
    private interface Credentials {
        boolean check(String realm, String user, String password);
    }

    private static Credentials credentials(ToolSetup setup) throws ConfigException {
        Object users = setup.args().get("users");
        String named = setup.stringArg("checkpassword", null);
        if (users != null && named != null) {
            throw setup.badArg("checkpassword", "cannot be used together with tools.auth_basic.users: choose one");
        }
        if (named != null) {
            // The core mounts the app again whenever the named checker comes, changes or goes,
            // so the one found now serves as long as this set-up does.
            return setup.service("checkpassword", PasswordChecker.class, PasswordChecker.NAME)::checkPassword;
        }
        if (!(users instanceof Map)) {
            throw setup.badArg("users", users == null
                    ? "must be set (a dict such as {'alice': 'secret'}), or tools.auth_basic.checkpassword"
                    : "must be a dict of user names to passwords, such as {'alice': 'secret'}");
        }
        // Only hashes of the passwords are kept, so that every comparison has the same length.
        Map<String, byte[]> hashes = new HashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) users).entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
                throw setup.badArg("users", "must map user names to passwords, both quoted strings");
            }
            String password = Normalizer.normalize((String) e.getValue(), Normalizer.Form.NFC);
            // As CherryPy's checkpassword_dict: an empty password never matches.
            if (!password.isEmpty()) {
                hashes.put(Normalizer.normalize((String) e.getKey(), Normalizer.Form.NFC), sha256(password));
            }
        }
        byte[] nobody = sha256("\u0000no such user");
        return (realm, user, password) -> {
            byte[] expected = hashes.get(user);
            boolean same = MessageDigest.isEqual(sha256(password), expected == null ? nobody : expected);
            return same && expected != null;
        };
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
