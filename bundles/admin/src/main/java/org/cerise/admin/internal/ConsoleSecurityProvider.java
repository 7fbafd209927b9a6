package org.cerise.admin.internal;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Makes the Felix Web Console ask for the admin API's credentials (user and hashed password of
 * PID {@code org.cerise.admin}) instead of its own {@code admin/admin}. The console's built-in
 * provider has the lowest ranking, so this one wins; and the launch property
 * {@code felix.webconsole.security.providers=cerise-admin} keeps the console closed until this
 * provider is registered, so there is no moment at start-up when {@code admin/admin} works.
 */
@Component(service = SecurityProvider.class, property = SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurityProvider.ID)
public final class ConsoleSecurityProvider implements SecurityProvider {

    /** The provider id the launch property names. */
    static final String ID = "cerise-admin";

    @Reference
    private Credentials credentials;

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String user = credentials.authenticate(request.getHeader("Authorization"));
        if (user == null) {
            // the same challenge as the JSON API: one password for both
            response.setHeader("WWW-Authenticate", "Basic realm=\"cerise-admin\", charset=\"UTF-8\"");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return null;
        }
        return user;
    }

    @Override
    public boolean authorize(Object user, String role) {
        // one admin user, who may do everything the console offers
        return user != null;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // Basic credentials live in the browser; nothing is kept on the server side
    }
}
