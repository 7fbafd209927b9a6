package org.cerise.admin.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords stored hashed: {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}
 * (PBKDF2WithHmacSHA256, 32-byte hash), the format of the key {@code password.hash} of PID
 * {@code org.cerise.admin}.
 */
final class PasswordHash {

    static final String SCHEME = "pbkdf2-sha256";
    static final int ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private PasswordHash() {
    }

    /**
     * @param password a password
     * @return its hash with a fresh salt, in the stored format
     */
    static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(pbkdf2(password, salt, ITERATIONS));
    }

    /**
     * Checks a stored hash's format.
     *
     * @param stored the value of {@code password.hash}
     * @return {@code null} if it is well formed, else what is wrong
     */
    static String problem(String stored) {
        String[] p = stored.split("\\$");
        if (p.length != 4 || !p[0].equals(SCHEME)) {
            return "it must read " + SCHEME + "$<iterations>$<salt base64>$<hash base64>";
        }
        try {
            if (Integer.parseInt(p[1]) < 1) {
                return "the iterations must be positive";
            }
            Base64.getDecoder().decode(p[2]);
            if (Base64.getDecoder().decode(p[3]).length == 0) {
                return "the hash is empty";
            }
        } catch (IllegalArgumentException e) {
            return "the iterations must be a number and salt and hash base64 (" + e.getMessage() + ")";
        }
        return null;
    }

    /**
     * @param password a password presented
     * @param stored   a well-formed stored hash
     * @return whether they match (compared in constant time)
     */
    static boolean matches(String password, String stored) {
        String[] p = stored.split("\\$");
        byte[] expected = Base64.getDecoder().decode(p[3]);
        byte[] actual = pbkdf2(password, Base64.getDecoder().decode(p[2]), Integer.parseInt(p[1]), expected.length * 8);
        return MessageDigest.isEqual(expected, actual);
    }

    /** @return a random password of 20 characters (about 116 bits), easy to type */
    static String generate() {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        return pbkdf2(password, salt, iterations, 256);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations, int bits) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bits);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    /** @return the bytes of a string in UTF-8 */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
