package org.cerise.itests;

import static org.junit.Assert.fail;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The admin's login as the admin tests use it (bundles/admin/README.md): {@code password.hash} in
 * its documented format, computed here independently of the bundle; Basic credentials; and the
 * test's own password set through Config Admin as an operator would, then waited for until it is
 * in force.
 */
final class AdminLogin {

    /** The admin bundle's PID. */
    static final String PID = "org.cerise.admin";
    /** How the generated password's hash starts: the bundle uses 210000 iterations. */
    private static final String GENERATED = "pbkdf2-sha256$210000$";

    private AdminLogin() {
    }

    /** One request that answers 200 once the password is in force. */
    @FunctionalInterface
    interface Answer {
        HttpResponse<String> get() throws Exception;
    }

    /**
     * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}: PBKDF2WithHmacSHA256 of the
     * password with a random 16-byte salt, 32-byte hash (1000 iterations: the format allows any).
     */
    static String hash(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] h = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 1000, 256)).getEncoded();
        return "pbkdf2-sha256$1000$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(h);
    }

    /** @return the Authorization header's value for these credentials */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The container started without an admin password: waits until the one it generated is
     * stored, hashed (no default admin/admin), then stores the hash of {@code password} under
     * {@link #PID} and waits until every one of {@code inForce} answers 200.
     *
     * @param deadline how long the new password may take to be in force
     */
    static void setPassword(BundleContext context, String password, Duration deadline, Answer... inForce)
            throws Exception {
        ConfigurationAdmin ca = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        long end = System.nanoTime() + CeriseTestSupport.BOOT_DEADLINE.toNanos();
        Object h;
        while (!String.valueOf(h = stored(ca)).startsWith(GENERATED)) {
            if (System.nanoTime() > end) {
                fail("no generated password hash was stored under PID " + PID + "; found " + h);
            }
            Thread.sleep(50);
        }
        Configuration c = ca.getConfiguration(PID, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("password.hash", hash(password));
        c.update(props);
        long until = System.nanoTime() + deadline.toNanos();
        for (Answer answer : inForce) {
            HttpResponse<String> r;
            while ((r = answer.get()).statusCode() != 200) {
                if (System.nanoTime() > until) {
                    fail("the configured admin password is not accepted within " + deadline + ": " + r.request().method()
                            + " " + r.uri() + " answered " + r.statusCode() + " " + r.body());
                }
                Thread.sleep(50);
            }
        }
    }

    private static Object stored(ConfigurationAdmin ca) throws Exception {
        Dictionary<String, Object> p = ca.getConfiguration(PID, "?").getProperties();
        return p == null ? null : p.get("password.hash");
    }
}
