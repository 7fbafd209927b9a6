package org.cerise.tool.authdigest.internal;

/** Where a scope finds the HA1 of a user: a table from config, an htdigest file, or a service. */
interface Ha1Lookup {

    /**
     * @param user the user name
     * @param hash the hash of the client's algorithm
     * @return the HA1 in lowercase hex, or {@code null} if the user has none for that hash
     */
    String ha1(String user, Hash hash);

    /**
     * For RFC 7616 {@code userhash}: the user whose {@code H(user ":" realm)} was sent.
     *
     * @param hashedUser the hex the client sent as its user name
     * @param hash       the hash of the client's algorithm
     * @return the user, or {@code null} if none matches
     */
    String userOf(String hashedUser, Hash hash);
}
