package org.cerise.tool.authbasic.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The decoder against the JDK's for valid input, and Python's leniency (checked with python3's base64.b64decode). */
class LenientBase64Test {

    @Test
    void agreesWithTheJdkOnValidInput() {
        Random random = new Random(7);
        for (int n = 0; n < 200; n++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            assertArrayEquals(bytes, LenientBase64.decode(Base64.getEncoder().encodeToString(bytes)));
            assertArrayEquals(bytes, LenientBase64.decode(Base64.getEncoder().withoutPadding().encodeToString(bytes)
                    + "=="), "surplus padding");
        }
    }

    @Test
    void skipsForeignCharactersAndStopsAtCompletingPadding() {
        assertArrayEquals(bytes("alice:secret"), LenientBase64.decode(" YWxp\tY2U6 c2Vj!cmV0 "));
        assertArrayEquals(bytes("ab"), LenientBase64.decode("YWI=YWxp"));
        assertArrayEquals(bytes("a"), LenientBase64.decode("YQ==garbage"));
        assertArrayEquals(new byte[0], LenientBase64.decode("=!="));
    }

    @Test
    void aTruncatedGroupIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> LenientBase64.decode("YWxpY"));
        assertThrows(IllegalArgumentException.class, () -> LenientBase64.decode("YWxpYw"));
        assertThrows(IllegalArgumentException.class, () -> LenientBase64.decode("YWxpYw="));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
