package org.cerise.tool.gzip.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code mime_types} argument, matched as CherryPy's gzip tool matches it: the media type
 * (Content-Type before any {@code ;}, as sent) equal to an entry, or an entry {@code type/*}
 * with the same type, or an entry {@code type/*+suffix} with the same type and suffix
 * ({@code application/*+xml} matches {@code application/rss+xml}). {@code *}{@code /*} matches
 * nothing else, as in CherryPy.
 */
final class MimeTypes {

    private final Set<String> exact = new HashSet<>();
    /** {type, subtype} of each entry. */
    private final List<String[]> patterns = new ArrayList<>();

    /**
     * @param entries the configured types
     * @throws IllegalArgumentException naming an entry that is not {@code type/subtype}
     */
    MimeTypes(List<String> entries) {
        for (String entry : entries) {
            exact.add(entry);
            String[] parts = entry.split("/", -1);
            String[] plus = parts.length == 2 ? parts[1].split("\\+", -1) : null;
            if (parts.length != 2 || plus.length > 2) {
                throw new IllegalArgumentException(entry);
            }
            patterns.add(parts);
        }
    }

    boolean matches(String mediaType) {
        if (exact.contains(mediaType)) {
            return true;
        }
        String[] ct = mediaType.split("/", -1);
        if (ct.length != 2) {
            return false;
        }
        String[] ctPlus = ct[1].split("\\+", -1);
        for (String[] p : patterns) {
            if (!p[0].equals(ct[0])) {
                continue;
            }
            if (p[1].equals("*")) {
                return true;
            }
            if (p[1].indexOf('+') >= 0 && ctPlus.length == 2) {
                String[] plus = p[1].split("\\+", -1);
                if (plus[0].equals("*") && plus[1].equals(ctPlus[1])) {
                    return true;
                }
            }
        }
        return false;
    }
}
