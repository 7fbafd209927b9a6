package org.cerise.tool.sessionauth;

/**
 * The app's part of {@code tools.session_auth}: CherryPy's {@code SessionAuth} callables
 * {@code check_username_and_password}, {@code anonymous}, {@code on_login}, {@code on_logout}
 * and {@code on_check} in one service.
 *
 * <p>Register an implementation as an OSGi service with a name, and select it per path with
 * {@code tools.session_auth.check_username_and_password = 'NAME'}:
 *
 * <pre>
 * &#64;Component(service = SessionAuthenticator.class)
 * &#64;CeriseSessionAuthenticator(name = "staff")
 * public class Staff implements SessionAuthenticator { ... }
 * </pre>
 *
 * <p>One instance serves every request on every thread; the callbacks run on the request's
 * thread, where {@link org.cerise.api.Cerise#request()} is the current request.
 */
@FunctionalInterface
public interface SessionAuthenticator {

    /** Service property naming the service, as in {@code check_username_and_password = 'NAME'}. */
    String NAME = "cerise.session_authenticator.name";

    /**
     * Checks a login, like CherryPy's {@code check_username_and_password}.
     *
     * @param username the user name from the login form
     * @param password the password from the login form
     * @return {@code null} (or an empty string) if the login is accepted, else the message the
     *         login form shows
     */
    String checkUsernameAndPassword(String username, String password);

    /**
     * A user name for visitors who have not logged in, like CherryPy's {@code anonymous}; it
     * is stored in the session as if they had.
     *
     * @return the name, or {@code null} to show them the login form
     */
    default String anonymous() {
        return null;
    }

    /** @param username the user who has just logged in */
    default void onLogin(String username) {
    }

    /** @param username the user who has just logged out */
    default void onLogout(String username) {
    }

    /** @param username the logged-in user of a request that is let through */
    default void onCheck(String username) {
    }
}
