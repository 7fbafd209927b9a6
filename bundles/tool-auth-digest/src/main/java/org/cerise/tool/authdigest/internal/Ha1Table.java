package org.cerise.tool.authdigest.internal;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** HA1 values known in advance, computed once when the scope is set up. */
final class Ha1Table implements Ha1Lookup {

    private final Map<Hash, Map<String, String>> ha1 = new EnumMap<>(Hash.class);
    private final Map<Hash, Map<String, String>> usersByHash = new EnumMap<>(Hash.class);
    private final String realm;

    Ha1Table(String realm) {
        this.realm = realm;
    }

    /** CherryPy's {@code get_ha1_dict_plain}: an empty password has no HA1, so it never matches. */
    static Ha1Table ofPasswords(Map<String, String> passwords, String realm, Set<Hash> hashes) {
        Ha1Table table = new Ha1Table(realm);
        passwords.forEach((user, password) -> {
            if (!password.isEmpty()) {
                for (Hash h : hashes) {
                    table.put(user, h, h.hex(user + ":" + realm + ":" + password));
                }
            }
        });
        return table;
    }

    /**
     * @param user the user
     * @param value a hex HA1; its length says which hash made it
     * @return {@code false} if the value is not a hex digest of a hash in {@code hashes}
     */
    boolean putHex(String user, String value, Set<Hash> hashes) {
        Hash h = Hash.ofHexLength(value.length());
        if (h == null || !h.isHex(value) || !hashes.contains(h)) {
            return false;
        }
        put(user, h, value.toLowerCase(Locale.ROOT));
        return true;
    }

    private void put(String user, Hash h, String hex) {
        ha1.computeIfAbsent(h, k -> new HashMap<>()).put(user, hex);
        usersByHash.computeIfAbsent(h, k -> new HashMap<>()).put(h.hex(user + ":" + realm), user);
    }

    @Override
    public String ha1(String user, Hash hash) {
        Map<String, String> m = ha1.get(hash);
        return m == null ? null : m.get(user);
    }

    @Override
    public String userOf(String hashedUser, Hash hash) {
        Map<String, String> m = usersByHash.get(hash);
        return m == null ? null : m.get(hashedUser.toLowerCase(Locale.ROOT));
    }
}
