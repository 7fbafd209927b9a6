package org.cerise.tool.authdigest.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server nonces that need no server state: {@code TIMESTAMP:HMAC-SHA256(key, TIMESTAMP:realm)}.
 * Only a holder of the key can make one, and its age is read from it, so that an expired one
 * earns a {@code stale} challenge instead of a plain refusal (CherryPy's scheme, with an HMAC
 * instead of MD5 over the key).
 */
final class Nonces {

    private static final HexFormat HEX = HexFormat.of();

    /** What a nonce the client sent back turned out to be. */
    enum Verdict {
        /** made by this key for this realm, and young enough */
        FRESH,
        /** made by this key for this realm, but older than the lifetime */
        STALE,
        /** not one of ours */
        FORGED
    }

    private final SecretKeySpec key;
    private final Mac prototype;
    private final long lifetimeSeconds;

    /**
     * @param key             the secret
     * @param lifetimeSeconds how long a nonce is fresh
     */
    Nonces(byte[] key, long lifetimeSeconds) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(this.key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
        this.lifetimeSeconds = lifetimeSeconds;
    }

    String make(long nowSeconds, String realm) {
        return nowSeconds + ":" + sign(Long.toString(nowSeconds), realm);
    }

    Verdict check(String nonce, String realm, long nowSeconds) {
        int colon = nonce.indexOf(':');
        if (colon <= 0 || colon > 19) {
            return Verdict.FORGED;
        }
        String timestamp = nonce.substring(0, colon);
        for (int i = 0; i < timestamp.length(); i++) {
            if (timestamp.charAt(i) < '0' || timestamp.charAt(i) > '9') {
                return Verdict.FORGED;
            }
        }
        byte[] expected = sign(timestamp, realm).getBytes(StandardCharsets.US_ASCII);
        byte[] given = nonce.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            return Verdict.FORGED;
        }
        return Long.parseLong(timestamp) + lifetimeSeconds > nowSeconds ? Verdict.FRESH : Verdict.STALE;
    }

    private String sign(String timestamp, String realm) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
            } catch (GeneralSecurityException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return HEX.formatHex(mac.doFinal((timestamp + ":" + realm).getBytes(StandardCharsets.UTF_8)));
    }
}
