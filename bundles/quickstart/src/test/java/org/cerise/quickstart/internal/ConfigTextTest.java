package org.cerise.quickstart.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigTextTest {

    @Test
    void javaValuesBecomePythonLiterals() {
        assertEquals("None", PyLiterals.of("k", null));
        assertEquals("True", PyLiterals.of("k", true));
        assertEquals("42", PyLiterals.of("k", 42));
        assertEquals("1.5", PyLiterals.of("k", 1.5));
        assertEquals("'it\\'s a \\\\ path\\n'", PyLiterals.of("k", "it's a \\ path\n"));
        assertEquals("['a', 1, None]", PyLiterals.of("k", Arrays.asList("a", 1, null)));
        assertEquals("['x', 'y']", PyLiterals.of("k", new String[] {"x", "y"}));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("html", "text/html");
        m.put("n", 2L);
        assertEquals("{'html': 'text/html', 'n': 2}", PyLiterals.of("k", m));
    }

    @Test
    void aValueWithNoLiteralNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PyLiterals.of("tools.auth_basic.checkpassword", new Object()));
        assertTrue(e.getMessage().contains("tools.auth_basic.checkpassword"), e.getMessage());
    }

    @Test
    void aConfigMapBecomesAConfigFile() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("/", Map.of("tools.gzip.on", true));
        config.put("/static", Map.of("response.headers.X-Rate", "100%"));
        assertEquals("[/]\ntools.gzip.on = True\n[/static]\nresponse.headers.X-Rate = '100%%'\n",
                ConfigText.appText(config, "Cerise.mount(Root, \"/\")"));
    }

    @Test
    void aConfigMapThatIsNotSectionsIsRefused() {
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> ConfigText.appText(Map.of("tools.gzip.on", true), "Cerise.mount(Root, \"/\")"));
        assertTrue(flat.getMessage().contains("section 'tools.gzip.on'"), flat.getMessage());
        IllegalArgumentException notMap = assertThrows(IllegalArgumentException.class,
                () -> ConfigText.appText(Map.of("/", List.of()), "Cerise.mount(Root, \"/\")"));
        assertTrue(notMap.getMessage().contains("section '/'"), notMap.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ConfigText.appText(Map.of("/", Map.of("a = b", 1)), "Cerise.mount(Root, \"/\")"));
    }

    @Test
    void theGlobalSectionOfAFile() {
        String file = "[global]\nserver.socket_port = 9090\nenvironment: 'production'\n# note\nlong = [1,\n  2]\n"
                + "[/]\ntools.gzip.on = True\n";
        Map<String, String> global = ConfigText.globalSection(file);
        assertEquals(Map.of("server.socket_port", "9090", "environment", "'production'", "long", "[1,\n2]"), global);
        String app = ConfigText.withoutContainerKeys(file);
        assertTrue(!app.contains("socket_port") && app.contains("environment") && app.contains("tools.gzip.on"), app);
        assertEquals(file.split("\n", -1).length, app.split("\n", -1).length - 1, "line numbers are kept");
    }
}
