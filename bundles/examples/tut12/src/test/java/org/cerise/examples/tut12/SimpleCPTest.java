package org.cerise.examples.tut12;

import java.util.Map;

import org.cerise.api.Cerise;
import org.cerise.testkit.CPWebCase;
import org.junit.jupiter.api.Test;

/**
 * CherryPy's tutorial 12 test, test_tut12.py, on the test kit:
 *
 * <pre>
 * class SimpleCPTest(helper.CPWebCase):
 *     &#64;staticmethod
 *     def setup_server():
 *         cherrypy.tree.mount(StringGenerator(), '/', {})
 *
 *     def test_index(self):
 *         self.getPage("/")
 *         self.assertStatus('200 OK')
 *     def test_generate(self):
 *         self.getPage("/generate")
 *         self.assertStatus('200 OK')
 * </pre>
 *
 * plus what the pages say: the greeting, and 8 distinct characters of {@code string.hexdigits}.
 */
class SimpleCPTest extends CPWebCase {

    static void setupServer() {
        Cerise.mount(new StringGenerator(), "/", Map.of());
    }

    @Test
    void testIndex() {
        getPage("/");
        assertStatus("200 OK");
        assertBody("Hello world!");
    }

    @Test
    void testGenerate() {
        getPage("/generate");
        assertStatus("200 OK");
        // random.sample(string.hexdigits, 8): 8 characters of 0-9a-fA-F, no position twice
        assertMatchesBody("^[0-9a-fA-F]{8}$");
        String first = bodyText();
        getPage("/generate");
        assertStatus("200 OK");
        assertMatchesBody("^[0-9a-fA-F]{8}$");
        org.junit.jupiter.api.Assertions.assertNotEquals(first, bodyText(), "two draws of 22^8 should differ");
    }
}
