package org.cerise.tool.sessions.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Session values as data (DESIGN.md): what a store keeps is JSON, a map of names to strings,
 * numbers, booleans, nulls, lists and maps; a value of the app's own class is turned into such
 * a tree when it is put, and a typed read turns the tree into the class the caller names, in
 * the caller's class loader. Nothing in the data names a class, so reading it never creates an
 * object the app did not ask for, and an updated app bundle never meets an object of its old
 * class.
 *
 * <p>One mapper per config scope rather than one for the bundle: a mapper caches what it learnt
 * of the app's classes, and a scope goes away with the app's mount.
 */
final class SessionData {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper = new ObjectMapper()
            // an app updated with fewer fields still reads what the old one stored
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    /** Prepared once: every request with a session reads and writes its values through these. */
    private final ObjectReader reader = mapper.readerFor(MAP);
    private final ObjectWriter writer = mapper.writer();

    /**
     * @param stored what a store returned
     * @return the session's values
     * @throws IOException if it is not a JSON object
     */
    Map<String, Object> decode(byte[] stored) throws IOException {
        return reader.readValue(stored);
    }

    /**
     * @param values the session's values, all data already
     * @return what the store keeps
     */
    byte[] encode(Map<String, Object> values) {
        try {
            return writer.writeValueAsBytes(values);
        } catch (IOException e) {
            throw new IllegalStateException("session values that were data no longer write as JSON", e);
        }
    }

    /**
     * @param value a value the app puts in its session
     * @return the value as data: itself for strings, numbers, booleans and null, else a tree
     * @throws IllegalArgumentException if the value cannot be written as data
     */
    Object toData(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        try {
            return mapper.treeToValue(mapper.valueToTree(value), Object.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a " + value.getClass().getName() + " cannot be kept in a session: "
                    + "session values are data (text, numbers, booleans, lists, maps, and classes whose properties "
                    + "are those): " + e.getMessage(), e);
        }
    }

    /**
     * @param <T>   the type
     * @param data  a stored value
     * @param type  the class to read it as
     * @return the value as that class
     * @throws IllegalArgumentException if the data does not fit the class
     */
    <T> T convert(Object data, Class<T> type) {
        if (data == null || type.isInstance(data)) {
            return type.cast(data);
        }
        try {
            return mapper.convertValue(data, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the session value does not read as a " + type.getName() + ": "
                    + e.getMessage(), e);
        }
    }
}
