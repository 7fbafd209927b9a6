package org.cerise.admin.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.osgi.framework.Version;

/**
 * Reads an uploaded jar's manifest and says, in one sentence, why it is not an installable
 * bundle; nothing is installed to find out. The OSGi header syntax (clauses separated by
 * {@code ,}, parts by {@code ;}, quoted values) is parsed here because the framework offers no
 * public parser.
 */
final class ManifestCheck {

    /** One clause of a manifest header: its paths (package names, namespace), attributes and directives. */
    record Clause(List<String> paths, Map<String, String> attributes, Map<String, String> directives) {
    }

    /** What the jar says about itself. */
    record Bundle(String symbolicName, Version version, Manifest manifest) {

        String header(String name) {
            return manifest.getMainAttributes().getValue(name);
        }
    }

    private ManifestCheck() {
    }

    /**
     * @param name what the upload is called, for messages
     * @param jar  the bytes
     * @return the bundle's identity
     * @throws IllegalArgumentException with the sentence that says what is wrong
     */
    static Bundle read(String name, byte[] jar) {
        if (jar.length == 0) {
            throw new IllegalArgumentException(name + " is empty: send the bundle's jar as the body");
        }
        Manifest manifest = null;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                entries++;
                if (e.getName().equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    manifest = new Manifest(zip);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a jar (zip) file: " + e.getMessage());
        }
        if (entries == 0) {
            throw new IllegalArgumentException(name + " is not a jar (zip) file: it has no entries");
        }
        if (manifest == null) {
            throw new IllegalArgumentException(name + " has no META-INF/MANIFEST.MF: it is not an OSGi bundle");
        }
        String bsn = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        if (bsn == null || bsn.isBlank()) {
            throw new IllegalArgumentException(name + " has no Bundle-SymbolicName in its manifest: a plain jar, not an "
                    + "OSGi bundle (build it with bnd-maven-plugin or maven-bundle-plugin)");
        }
        String mv = manifest.getMainAttributes().getValue("Bundle-ManifestVersion");
        if (!"2".equals(mv == null ? null : mv.strip())) {
            throw new IllegalArgumentException(name + ": Bundle-ManifestVersion is " + (mv == null ? "missing" : "'" + mv + "'")
                    + "; OSGi R4+ bundles say 2");
        }
        String symbolicName = parse(bsn).get(0).paths().get(0);
        String v = manifest.getMainAttributes().getValue("Bundle-Version");
        Version version;
        try {
            version = v == null ? Version.emptyVersion : Version.parseVersion(v.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": Bundle-Version '" + v + "' is not an OSGi version: " + e.getMessage());
        }
        return new Bundle(symbolicName, version, manifest);
    }

    /**
     * Parses an OSGi manifest header.
     *
     * @param header the header's value
     * @return its clauses
     */
    static List<Clause> parse(String header) {
        List<Clause> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        for (String clause : split(header, ',')) {
            if (clause.isBlank()) {
                continue;
            }
            List<String> paths = new ArrayList<>();
            Map<String, String> attributes = new LinkedHashMap<>();
            Map<String, String> directives = new LinkedHashMap<>();
            for (String part : split(clause, ';')) {
                String p = part.strip();
                int directive = p.indexOf(":=");
                int eq = p.indexOf('=');
                if (directive > 0 && directive < eq + 1) {
                    directives.put(p.substring(0, directive).strip(), unquote(p.substring(directive + 2)));
                } else if (eq > 0) {
                    String key = p.substring(0, eq).strip();
                    int typed = key.indexOf(':');
                    attributes.put(typed > 0 ? key.substring(0, typed).strip() : key, unquote(p.substring(eq + 1)));
                } else if (!p.isEmpty()) {
                    paths.add(p);
                }
            }
            out.add(new Clause(paths, attributes, directives));
        }
        return out;
    }

    private static String unquote(String s) {
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    /** Splits on a separator outside double quotes. */
    private static List<String> split(String s, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }
}
