package org.cerise.tool.authbasic;

/**
 * Checks a user name and password for {@code tools.auth_basic}, like CherryPy's
 * {@code checkpassword(realm, username, password)} callable.
 *
 * <p>Register an implementation as an OSGi service with a name, and select it per path in
 * config with {@code tools.auth_basic.checkpassword = 'NAME'}:
 *
 * <pre>
 * &#64;Component(service = PasswordChecker.class)
 * &#64;CerisePasswordChecker(name = "ldap")
 * public class LdapChecker implements PasswordChecker { ... }
 * </pre>
 *
 * <p>One instance serves every request on every thread. Compare secrets in constant time
 * ({@link java.security.MessageDigest#isEqual}) so that timing does not reveal them.
 */
@FunctionalInterface
public interface PasswordChecker {

    /** Service property naming the checker, as in {@code tools.auth_basic.checkpassword = 'NAME'}. */
    String NAME = "cerise.password_checker.name";

    /**
     * @param realm    the realm configured for the path ({@code tools.auth_basic.realm})
     * @param username the user name the client sent, NFC-normalized
     * @param password the password the client sent, NFC-normalized
     * @return whether the credentials are valid
     */
    boolean checkPassword(String realm, String username, String password);
}
