package org.cerise.tool.json.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The Jackson configuration of the JSON tools, made to read and write JSON as CherryPy's
 * {@code json} module does. Each tool builds its mapper once per config scope, when the app
 * mounts (a mapper is thread-safe once configured). Not one for the whole bundle: a mapper
 * caches what it learnt about the app's classes, and a per-scope mapper goes away with the app
 * when it is remounted or its bundle is updated.
 */
public final class Mappers {

    /** The request attribute holding the mapper that read the request's body, for {@code Json.read}. */
    public static final String ATTRIBUTE = "org.cerise.tool.json.mapper";

    private Mappers() {
    }

    /**
     * Reads as Python's decoder: {@code NaN} and {@code Infinity} accepted, anything after the
     * document refused, integers of any size ({@code Integer}, {@code Long} or
     * {@code BigInteger}, the smallest that holds the value).
     */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();
    }

    /** Writes as Python's encoder: {@code {"a": 1, "b": [1, 2]}}, non-ASCII escaped ({@code \u00e9}). */
    static ObjectWriter writer() {
        return mapper().writer(new PythonSeparators());
    }

    /** Python's default separators, {@code ", "} and {@code ": "}, on one line. */
    private static final class PythonSeparators extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
