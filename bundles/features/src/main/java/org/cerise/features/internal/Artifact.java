package org.cerise.features.internal;

import java.nio.file.Path;

/**
 * Maven coordinates as OSGi features write them (R8 159.2.1):
 * {@code groupId:artifactId[:type[:classifier]]:version}, type {@code jar} by default.
 */
record Artifact(String groupId, String artifactId, String type, String classifier, String version) {

    /**
     * @param id the coordinates
     * @return the artifact, or {@code null} when {@code id} is not 3 to 5 non-empty parts
     */
    static Artifact parse(String id) {
        String[] p = id.split(":", -1);
        for (String part : p) {
            if (part.isBlank() || !part.equals(part.strip())) {
                return null;
            }
        }
        switch (p.length) {
            case 3:
                return new Artifact(p[0], p[1], "jar", null, p[2]);
            case 4:
                return new Artifact(p[0], p[1], p[2], null, p[3]);
            case 5:
                return new Artifact(p[0], p[1], p[2], p[3], p[4]);
            default:
                return null;
        }
    }

    /** @return where a Maven-layout repository keeps it, relative to the repository's root */
    Path path() {
        String file = artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + type;
        return Path.of(groupId.replace('.', '/'), artifactId, version, file);
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + (classifier != null ? ":" + type + ":" + classifier
                : type.equals("jar") ? "" : ":" + type) + ":" + version;
    }
}
