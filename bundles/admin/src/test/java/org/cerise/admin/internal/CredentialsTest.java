package org.cerise.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Password hashes, Basic credentials and CSRF tokens of the admin API. */
class CredentialsTest {

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hashesAreSaltedAndVerify() {
        String a = PasswordHash.hash("s3cret");
        String b = PasswordHash.hash("s3cret");
        assertNotEquals(a, b, "a fresh salt each time");
        assertTrue(a.startsWith("pbkdf2-sha256$210000$"), a);
        assertNull(PasswordHash.problem(a));
        assertTrue(PasswordHash.matches("s3cret", a));
        assertFalse(PasswordHash.matches("s3cret ", a));
        assertTrue(PasswordHash.problem("admin").contains("pbkdf2-sha256$"));
        assertTrue(PasswordHash.problem("pbkdf2-sha256$x$AA==$AA==").contains("number"));
        assertEquals(20, PasswordHash.generate().length());
    }

    @Test
    void onlyTheConfiguredUserAndPasswordGetIn() {
        Credentials c = new Credentials();
        c.activate(Map.of(Credentials.HASH, PasswordHash.hash("s3cret")));
        assertEquals("admin", c.authenticate(basic("admin", "s3cret")));
        assertEquals("admin", c.authenticate(basic("admin", "s3cret")), "the second time from the cache");
        assertNull(c.authenticate(basic("admin", "wrong")));
        assertNull(c.authenticate(basic("root", "s3cret")));
        assertNull(c.authenticate(null));
        assertNull(c.authenticate("Basic !!!"));
        assertNull(c.authenticate("Bearer x"));
    }

    @Test
    void aMalformedHashLetsNobodyIn() {
        Credentials c = new Credentials();
        c.activate(Map.of(Credentials.HASH, "admin"));
        assertNull(c.authenticate(basic("admin", "admin")));
    }

    @Test
    void csrfTokensBelongToTheUserAndPassword() {
        Credentials c = new Credentials();
        c.activate(Map.of(Credentials.HASH, PasswordHash.hash("s3cret")));
        String token = c.csrfToken("admin");
        assertTrue(c.csrfValid("admin", token));
        assertFalse(c.csrfValid("admin", null));
        assertFalse(c.csrfValid("admin", token + "x"));
        assertFalse(c.csrfValid("other", token));
        c.modified(Map.of(Credentials.HASH, PasswordHash.hash("new")));
        assertFalse(c.csrfValid("admin", token), "a password change voids the tokens");
        assertNull(c.authenticate(basic("admin", "s3cret")), "and the cached credentials");
    }
}
