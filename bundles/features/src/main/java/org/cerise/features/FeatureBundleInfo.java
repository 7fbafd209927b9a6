package org.cerise.features;

import java.util.List;

/**
 * One bundle a feature lists.
 *
 * @param id           its Maven coordinates as the feature lists them
 * @param symbolicName the installed bundle's symbolic name, or {@code null} when not installed
 * @param version      the installed bundle's version, or {@code null}
 * @param bundleId     the framework's bundle id, or -1 when not installed
 * @param state        {@code ACTIVE}, {@code STARTING}, {@code RESOLVED}, {@code INSTALLED},
 *                     {@code STOPPING}, or {@code NOT_INSTALLED}
 * @param managed      true when the feature manager installed it (and may uninstall it); false for
 *                     a bundle someone else installed (the launcher, {@code deploy/}), which the
 *                     manager never uninstalls
 * @param features     the installed features that list it
 */
public record FeatureBundleInfo(String id, String symbolicName, String version, long bundleId, String state,
        boolean managed, List<String> features) {
}
