package org.cerise.session.memcached.internal;

/**
 * The 64-bit hashes that spread sessions over several servers (rendezvous hashing): FNV-1a over
 * the characters, then a SplitMix64 finalizer so that every bit of the result depends on every
 * bit of the input. Not cryptographic: only well spread and the same in every process.
 */
final class Hashing {

    private Hashing() {
    }

    /**
     * @param text a string
     * @param seed a starting value
     * @return the text's hash
     */
    static long hash(String text, long seed) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /**
     * @param x a value
     * @return SplitMix64's finalizer of it (a bijection)
     */
    static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }
}
