package org.cerise.features.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/**
 * A feature descriptor (OSGi R8 Feature Service, chapter 159, JSON): its id, name, description
 * and bundles. Read with Jackson's streaming parser, which is all this bundle needs at launch
 * (no data binding, so the launcher has one small jar less to load and start). Keys the
 * container does not act on ({@code configurations}, {@code framework-properties},
 * {@code extensions}, ...) are skipped.
 *
 * @param id          the feature's coordinates
 * @param title       {@code name}, or null
 * @param description {@code description}, or null
 * @param bundles     {@code bundles}, in order
 * @param file        where it was read from
 */
record Descriptor(Artifact id, String title, String description, List<Entry> bundles, Path file) {

    /**
     * A bundle the feature lists.
     *
     * @param artifact   its coordinates
     * @param startOrder its {@code start-order} (used as its start level), or 0 when not given
     */
    record Entry(Artifact artifact, int startOrder) {
    }

    /** The only resource version of the format chapter 159 defines. */
    static final String RESOURCE_VERSION = "1.0";

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS) // 159.3: feature files may carry comments
            .build();

    /** A descriptor that cannot be used: the message names the file, the key and the place. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /**
     * @param file a feature descriptor
     * @return the descriptor
     * @throws Malformed when it is not JSON, misses {@code id} or {@code bundles}, or a key has the
     *                   wrong type or a bundle id is not Maven coordinates
     */
    static Descriptor read(Path file) throws Malformed {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Malformed(file + ": cannot be read: " + e);
        }
        try (JsonParser p = FACTORY.createParser(bytes)) {
            return read(p, file);
        } catch (JsonProcessingException e) {
            throw new Malformed(file + ": not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()));
        } catch (IOException e) {
            throw new Malformed(file + ": cannot be read: " + e);
        }
    }

    private static Descriptor read(JsonParser p, Path file) throws IOException, Malformed {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw wrong(p, file, "(top level)", "must be a JSON object");
        }
        Artifact id = null;
        String title = null;
        String description = null;
        List<Entry> bundles = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            switch (key) {
                case "feature-resource-version":
                    if (value != JsonToken.VALUE_STRING || !p.getText().equals(RESOURCE_VERSION)) {
                        throw wrong(p, file, key, "must be \"" + RESOURCE_VERSION + "\", is " + shown(p));
                    }
                    break;
                case "id":
                    id = artifact(p, file, key);
                    break;
                case "name":
                    title = text(p, file, key);
                    break;
                case "description":
                    description = text(p, file, key);
                    break;
                case "bundles":
                    bundles = bundles(p, file);
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw wrong(p, file, "(top level)", "unexpected content after the feature object");
        }
        if (id == null) {
            throw new Malformed(file + ": key 'id' is missing (the feature's groupId:artifactId:version)");
        }
        if (bundles == null) {
            throw new Malformed(file + ": key 'bundles' is missing (the list of the feature's bundles)");
        }
        return new Descriptor(id, title, description, List.copyOf(bundles), file);
    }

    private static List<Entry> bundles(JsonParser p, Path file) throws IOException, Malformed {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw wrong(p, file, "bundles", "must be an array, is " + shown(p));
        }
        List<Entry> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String key = "bundles[" + out.size() + "]";
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                out.add(new Entry(artifact(p, file, key), 0)); // the short form: just the id
                continue;
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw wrong(p, file, key, "must be an object with an \"id\", is " + shown(p));
            }
            Artifact a = null;
            int startOrder = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("id")) {
                    a = artifact(p, file, key + ".id");
                } else if (name.equals("start-order")) {
                    startOrder = startOrder(p, file, key + ".start-order");
                } else {
                    p.skipChildren();
                }
            }
            if (a == null) {
                throw wrong(p, file, key + ".id", "is missing");
            }
            out.add(new Entry(a, startOrder));
        }
        return out;
    }

    private static int startOrder(JsonParser p, Path file, String key) throws IOException, Malformed {
        String s = p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_STRING
                ? p.getText() : null;
        try {
            int n = Integer.parseInt(s == null ? "x" : s.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw wrong(p, file, key, "must be a start level (a whole number from 1), is " + shown(p));
    }

    private static Artifact artifact(JsonParser p, Path file, String key) throws IOException, Malformed {
        String s = text(p, file, key);
        Artifact a = s == null ? null : Artifact.parse(s);
        if (a == null) {
            throw wrong(p, file, key, "must be Maven coordinates groupId:artifactId[:type[:classifier]]:version, is "
                    + shown(p));
        }
        return a;
    }

    private static String text(JsonParser p, Path file, String key) throws IOException, Malformed {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw wrong(p, file, key, "must be a string, is " + shown(p));
        }
        return p.getText();
    }

    private static String shown(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return "\"" + p.getText() + "\"";
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            return t == JsonToken.START_OBJECT ? "an object" : "an array";
        }
        return t == null ? "nothing" : p.getText();
    }

    private static Malformed wrong(JsonParser p, Path file, String key, String what) {
        return new Malformed(file + ": key '" + key + "' " + what + at(p.currentTokenLocation()));
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }
}
