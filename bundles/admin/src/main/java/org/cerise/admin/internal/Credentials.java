package org.cerise.admin.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the admin API: one user ({@code user}, default {@code admin}) whose password is
 * stored hashed (PID {@code org.cerise.admin}, key {@code password.hash}). There is no default
 * password: on the first start without one a random password is generated, logged once at WARN
 * and its hash stored through Config Admin, so it survives restarts and is never shown again.
 *
 * <p>Also issues the CSRF tokens that actions need: an HMAC of the user and the password hash
 * under a secret drawn at activation, so a token dies with a password change or a restart and
 * no server-side session is kept.
 */
@Component(service = Credentials.class, configurationPid = Credentials.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class Credentials {

    /** The configuration PID. */
    public static final String PID = "org.cerise.admin";
    static final String HASH = "password.hash";
    static final String USER = "user";
    private static final Logger LOG = LoggerFactory.getLogger("cerise.admin");

    @Reference
    private ConfigurationAdmin configAdmin;

    private final byte[] csrfSecret = new byte[32];
    /** Digests of Authorization headers already verified against the current hash: PBKDF2 is slow on purpose. */
    private final Map<String, Boolean> verified = new ConcurrentHashMap<>();
    private volatile String user = "admin";
    private volatile String hash;

    @Activate
    void activate(Map<String, Object> properties) {
        new SecureRandom().nextBytes(csrfSecret);
        apply(properties);
        if (hash == null && problemWith(properties) == null) {
            generate();
        }
    }

    @Modified
    void modified(Map<String, Object> properties) {
        apply(properties);
    }

    private String problemWith(Map<String, Object> properties) {
        Object h = properties.get(HASH);
        return h == null ? null : PasswordHash.problem(String.valueOf(h));
    }

    private void apply(Map<String, Object> properties) {
        Object u = properties.get(USER);
        user = u == null || String.valueOf(u).isBlank() ? "admin" : String.valueOf(u).strip();
        Object h = properties.get(HASH);
        verified.clear();
        if (h == null || String.valueOf(h).isBlank()) {
            hash = null;
            return;
        }
        String problem = PasswordHash.problem(String.valueOf(h));
        if (problem != null) {
            hash = null;
            LOG.warn("The admin API refuses every request: config PID {}, key {} = '{}' is not a password hash: {}",
                    PID, HASH, h, problem);
            return;
        }
        hash = String.valueOf(h);
    }

    /** First start: a random password, shown once, stored hashed. */
    private void generate() {
        String password = PasswordHash.generate();
        String h = PasswordHash.hash(password);
        hash = h;
        try {
            Configuration c = configAdmin.getConfiguration(PID, "?");
            Dictionary<String, Object> props = c.getProperties();
            if (props == null) {
                props = new Hashtable<>();
            }
            props.put(HASH, h);
            c.update(props);
        } catch (IOException e) {
            LOG.warn("Could not store the admin password's hash (PID {}): the password below works until the "
                    + "container stops", PID, e);
        }
        LOG.warn("No admin password was configured: generated one for user '{}': {}  (shown only now; it is stored "
                + "hashed under PID {}, key {}; set your own hash there to change it)", user, password, PID, HASH);
    }

    /**
     * @param authorization the {@code Authorization} header, or {@code null}
     * @return the user if the header carries the right Basic credentials, else {@code null}
     */
    public String authenticate(String authorization) {
        String h = hash;
        if (h == null || authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String key = digest(authorization + "\n" + h);
        if (verified.containsKey(key)) {
            return user;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !decoded.substring(0, colon).equals(user) || !PasswordHash.matches(decoded.substring(colon + 1), h)) {
            return null;
        }
        if (verified.size() > 64) {
            verified.clear();
        }
        verified.put(key, Boolean.TRUE);
        return user;
    }

    /**
     * @param who an authenticated user
     * @return the CSRF token that actions of this user must carry
     */
    public String csrfToken(String who) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(csrfSecret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(PasswordHash.utf8(who + "\n" + hash)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param who   an authenticated user
     * @param token the token presented, or {@code null}
     * @return whether it is the user's current token (compared in constant time)
     */
    public boolean csrfValid(String who, String token) {
        return token != null && MessageDigest.isEqual(PasswordHash.utf8(csrfToken(who)), PasswordHash.utf8(token));
    }

    private static String digest(String s) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(PasswordHash.utf8(s)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
