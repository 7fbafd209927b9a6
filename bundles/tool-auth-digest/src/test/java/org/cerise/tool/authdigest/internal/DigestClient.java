package org.cerise.tool.authdigest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Digest client written from RFC 7616 alone (it shares no code with the tool), for tests
 * that need credentials a real client would send, and some it would not.
 */
final class DigestClient {

    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

    private DigestClient() {
    }

    /** @return the parameters of a challenge, quotes removed */
    static Map<String, String> params(String challenge) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge.substring(challenge.indexOf(' ') + 1));
        while (m.find()) {
            out.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }

    static String h(String algorithm, byte[] data) {
        String jca = algorithm.toUpperCase().startsWith("SHA-256") ? "SHA-256" : "MD5";
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String h(String algorithm, String text) {
        return h(algorithm, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Builder of one Authorization header. */
    static final class Answer {
        String user;
        String password;
        String realm;
        String nonce;
        String algorithm = "MD5";
        String qop = "auth";
        String method = "GET";
        String uri;
        byte[] body = new byte[0];
        String cnonce = "0a4f113b";
        String nc = "00000001";
        boolean userhash;
        boolean sendAlgorithm = true;

        Answer(String challenge, String user, String password, String uri) {
            Map<String, String> p = params(challenge);
            this.realm = p.get("realm");
            this.nonce = p.get("nonce");
            if (p.containsKey("algorithm")) {
                this.algorithm = p.get("algorithm");
            }
            this.user = user;
            this.password = password;
            this.uri = uri;
        }

        Answer with(java.util.function.Consumer<Answer> change) {
            change.accept(this);
            return this;
        }

        String response() {
            String ha1 = h(algorithm, user + ":" + realm + ":" + password);
            if (algorithm.toLowerCase().endsWith("-sess")) {
                ha1 = h(algorithm, ha1 + ":" + nonce + ":" + cnonce);
            }
            String a2 = qop.equals("auth-int") ? method + ":" + uri + ":" + h(algorithm, body) : method + ":" + uri;
            return h(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + h(algorithm, a2));
        }

        /** @return the header line, {@code Authorization: Digest ...} */
        String header() {
            String name = userhash ? h(algorithm, user + ":" + realm) : user;
            return "Authorization: Digest username=\"" + name + "\", realm=\"" + realm + "\", nonce=\"" + nonce
                    + "\", uri=\"" + uri + "\"" + (sendAlgorithm ? ", algorithm=" + algorithm : "")
                    + ", response=\"" + response() + "\", qop=" + qop + ", nc=" + nc + ", cnonce=\"" + cnonce + "\""
                    + (userhash ? ", userhash=true" : "");
        }
    }
}
