package org.cerise.admin.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on a rendered page that show the whole page when they fail. */
final class HtmlAssertions {

    private HtmlAssertions() {
    }

    /** Asserts that the HTML contains every one of the parts. */
    static void assertContains(String html, String... parts) {
        for (String part : parts) {
            assertTrue(html.contains(part), () -> "no " + part + " in: " + html);
        }
    }

    /** Asserts that the HTML contains none of the parts. */
    static void assertLacks(String html, String... parts) {
        for (String part : parts) {
            assertFalse(html.contains(part), () -> part + " in: " + html);
        }
    }
}
