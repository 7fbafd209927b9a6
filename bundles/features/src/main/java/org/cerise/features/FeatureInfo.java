package org.cerise.features;

import java.util.List;

/**
 * A feature as the container sees it: its descriptor's identity and bundles, and whether it is
 * installed.
 *
 * @param id          the feature's id, {@code groupId:artifactId[:type[:classifier]]:version}
 *                    (for an {@link State#INVALID} descriptor: its file name)
 * @param name        the artifact id, the short name commands accept
 * @param title       the descriptor's {@code name}, or {@code null}
 * @param description the descriptor's {@code description}, or {@code null}
 * @param state       installed, available, or invalid
 * @param source      what installed it: {@code launch} (the launch property {@code cerise.features}),
 *                    {@code request} (the admin API or a command), or the descriptor file
 *                    dropped into {@code deploy/}; {@code null} when not installed
 * @param file        the descriptor file, or {@code null}
 * @param bundles     the bundles it lists, in its order
 * @param error       why the descriptor cannot be used ({@link State#INVALID}), else {@code null}
 */
public record FeatureInfo(String id, String name, String title, String description, State state, String source,
        String file, List<FeatureBundleInfo> bundles, String error) {

    /** Where a feature stands. */
    public enum State {
        /** Its descriptor is in the features folder; it is not installed. */
        AVAILABLE,
        /** Its bundles are installed and were started. */
        INSTALLED,
        /** Its descriptor cannot be read; {@link FeatureInfo#error()} says why. */
        INVALID
    }
}
