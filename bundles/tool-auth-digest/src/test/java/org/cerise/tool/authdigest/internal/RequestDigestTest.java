package org.cerise.tool.authdigest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The digest computation against the worked examples of RFC 7616 section 3.9.1. */
class RequestDigestTest {

    private static AuthDigestTool.Credentials rfcExample(Algorithm algorithm) {
        AuthDigestTool.Credentials c = new AuthDigestTool.Credentials();
        c.username = "Mufasa";
        c.realm = "http-auth@example.org";
        c.nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        c.uri = "/dir/index.html";
        c.algorithm = algorithm;
        c.qop = "auth";
        c.nc = "00000001";
        c.cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        return c;
    }

    @Test
    void md5() {
        AuthDigestTool.Credentials c = rfcExample(Algorithm.MD5);
        String ha1 = Hash.MD5.hex("Mufasa:http-auth@example.org:Circle of Life");
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", AuthDigestTool.requestDigest(ha1, c, "GET", new byte[0]));
    }

    @Test
    void sha256() {
        AuthDigestTool.Credentials c = rfcExample(Algorithm.SHA_256);
        String ha1 = Hash.SHA_256.hex("Mufasa:http-auth@example.org:Circle of Life");
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                AuthDigestTool.requestDigest(ha1, c, "GET", new byte[0]));
    }
}
