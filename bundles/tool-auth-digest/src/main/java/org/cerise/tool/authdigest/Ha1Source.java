package org.cerise.tool.authdigest;

/**
 * Looks up a user's HA1 for {@code tools.auth_digest}, like CherryPy's
 * {@code get_ha1(realm, username)} callable.
 *
 * <p>HA1 is {@code H(username ":" realm ":" password)} in lowercase hex, where {@code H} is the
 * hash of the algorithm's family: MD5 for {@code MD5} and {@code MD5-sess}, SHA-256 for
 * {@code SHA-256} and {@code SHA-256-sess} (the {@code -sess} variants derive their session
 * key from the same HA1). Register an implementation as an OSGi service with a name, and
 * select it per path with {@code tools.auth_digest.get_ha1 = 'NAME'}:
 *
 * <pre>
 * &#64;Component(service = Ha1Source.class)
 * &#64;CeriseHa1Source(name = "accounts")
 * public class Accounts implements Ha1Source { ... }
 * </pre>
 *
 * <p>One instance serves every request on every thread.
 */
@FunctionalInterface
public interface Ha1Source {

    /** Service property naming the source, as in {@code tools.auth_digest.get_ha1 = 'NAME'}. */
    String NAME = "cerise.ha1_source.name";

    /**
     * @param realm     the realm configured for the path ({@code tools.auth_digest.realm})
     * @param username  the user name the client sent
     * @param hash      {@code "MD5"} or {@code "SHA-256"}: the hash the client's algorithm uses
     * @return the HA1 in hex, or {@code null} if the user is unknown (or has no HA1 for that hash)
     */
    String ha1(String realm, String username, String hash);
}
