package org.cerise.tool.authdigest.internal;

import java.util.Locale;

/** The RFC 7616 algorithms: a hash, and whether HA1 is turned into a session key. */
enum Algorithm {
    MD5("MD5", Hash.MD5, false),
    MD5_SESS("MD5-sess", Hash.MD5, true),
    SHA_256("SHA-256", Hash.SHA_256, false),
    SHA_256_SESS("SHA-256-sess", Hash.SHA_256, true);

    /** The name in the {@code algorithm} parameter. */
    final String token;
    final Hash hash;
    final boolean sess;

    Algorithm(String token, Hash hash, boolean sess) {
        this.token = token;
        this.hash = hash;
        this.sess = sess;
    }

    /**
     * @param token an {@code algorithm} value, any case
     * @return the algorithm, or {@code null} if unknown
     */
    static Algorithm of(String token) {
        String t = token.toUpperCase(Locale.ROOT);
        for (Algorithm a : values()) {
            if (a.token.toUpperCase(Locale.ROOT).equals(t)) {
                return a;
            }
        }
        return null;
    }
}
