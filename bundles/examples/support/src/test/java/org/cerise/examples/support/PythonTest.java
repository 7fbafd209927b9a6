package org.cerise.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PythonTest {

    @Test
    void intAcceptsWhatPythonAccepts() {
        assertEquals(16, Python.toInt("16"));
        assertEquals(16, Python.toInt(" 16 "));
        assertEquals(16, Python.toInt("+16"));
        assertEquals(-3, Python.toInt("-3"));
        assertEquals(16, Python.toInt("1_6"));
    }

    @Test
    void intRejectsWhatPythonRejects() {
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> Python.toInt("abc"));
        assertEquals("invalid literal for int() with base 10: 'abc'", e.getMessage());
        assertThrows(NumberFormatException.class, () -> Python.toInt("1.5"));
        assertThrows(NumberFormatException.class, () -> Python.toInt("1__6"));
        assertThrows(NumberFormatException.class, () -> Python.toInt(""));
        assertThrows(IllegalArgumentException.class, () -> Python.toInt(List.of("1", "2")));
    }

    @Test
    void sampleGivesDistinctHexDigits() {
        for (int n = 0; n <= 22; n++) {
            String s = Python.sampleHexDigits(n);
            assertEquals(n, s.length());
            assertEquals(n, s.chars().distinct().count(), s);
            assertTrue(s.chars().allMatch(c -> Python.HEXDIGITS.indexOf(c) >= 0), s);
        }
    }

    @Test
    void sampleRefusesWhatPythonRefuses() {
        assertThrows(IllegalArgumentException.class, () -> Python.sampleHexDigits(23));
        assertThrows(IllegalArgumentException.class, () -> Python.sampleHexDigits(-1));
    }
}
