package org.cerise.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A cookie to set on the response ({@link Response#addCookie(Cookie)}). Immutable; build with
 * {@link #of(String, String)} and the {@code with...} methods.
 *
 * <pre>
 * response.addCookie(Cookie.of("theme", "dark").withPath("/").withMaxAge(3600).withHttpOnly(true));
 * </pre>
 */
public final class Cookie {

    private final String name;
    private final String value;
    private final String path;
    private final String domain;
    private final long maxAge;
    private final Instant expires;
    private final boolean secure;
    private final boolean httpOnly;
    private final String sameSite;

    private Cookie(String name, String value, String path, String domain, long maxAge, Instant expires,
            boolean secure, boolean httpOnly, String sameSite) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.path = path;
        this.domain = domain;
        this.maxAge = maxAge;
        this.expires = expires;
        this.secure = secure;
        this.httpOnly = httpOnly;
        this.sameSite = sameSite;
    }

    /**
     * A session cookie (no expiry) with a name and a value.
     *
     * @param name  the name, a token
     * @param value the value
     * @return the cookie
     * @throws IllegalArgumentException if the name is empty or not a token
     */
    public static Cookie of(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(Cookie::isTokenChar)) {
            throw new IllegalArgumentException("not a valid cookie name: '" + name + "'");
        }
        return new Cookie(name, value, null, null, -1, null, false, false, null);
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    /** @param p the {@code Path} attribute @return a copy with it */
    public Cookie withPath(String p) {
        return new Cookie(name, value, p, domain, maxAge, expires, secure, httpOnly, sameSite);
    }

    /** @param d the {@code Domain} attribute @return a copy with it */
    public Cookie withDomain(String d) {
        return new Cookie(name, value, path, d, maxAge, expires, secure, httpOnly, sameSite);
    }

    /** @param seconds the {@code Max-Age} attribute, negative for none @return a copy with it */
    public Cookie withMaxAge(long seconds) {
        return new Cookie(name, value, path, domain, seconds, expires, secure, httpOnly, sameSite);
    }

    /** @param at the {@code Expires} attribute, {@code null} for none @return a copy with it */
    public Cookie withExpires(Instant at) {
        return new Cookie(name, value, path, domain, maxAge, at, secure, httpOnly, sameSite);
    }

    /** @param on whether to add {@code Secure} @return a copy with it */
    public Cookie withSecure(boolean on) {
        return new Cookie(name, value, path, domain, maxAge, expires, on, httpOnly, sameSite);
    }

    /** @param on whether to add {@code HttpOnly} @return a copy with it */
    public Cookie withHttpOnly(boolean on) {
        return new Cookie(name, value, path, domain, maxAge, expires, secure, on, sameSite);
    }

    /**
     * @param mode {@code Strict}, {@code Lax} or {@code None}; {@code null} for no attribute
     * @return a copy with it
     */
    public Cookie withSameSite(String mode) {
        return new Cookie(name, value, path, domain, maxAge, expires, secure, httpOnly, mode);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the value */
    public String value() {
        return value;
    }

    /** @return the path, or {@code null} */
    public String path() {
        return path;
    }

    /** @return the domain, or {@code null} */
    public String domain() {
        return domain;
    }

    /** @return the max age in seconds, negative for none */
    public long maxAge() {
        return maxAge;
    }

    /** @return the expiry, or {@code null} */
    public Instant expires() {
        return expires;
    }

    /** @return whether the cookie is {@code Secure} */
    public boolean secure() {
        return secure;
    }

    /** @return whether the cookie is {@code HttpOnly} */
    public boolean httpOnly() {
        return httpOnly;
    }

    /** @return the {@code SameSite} mode, or {@code null} */
    public String sameSite() {
        return sameSite;
    }

    @Override
    public String toString() {
        return name + "=" + value;
    }
}
