package org.cerise.features;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs and removes features of the container at run time.
 *
 * <p>A feature is named by its full id ({@code org.cerise:cerise-dispatch-routes:0.1.0-SNAPSHOT})
 * or by its artifact id alone ({@code cerise-dispatch-routes}) when that is unambiguous.
 *
 * <p>Contracts:
 * <ul>
 * <li>{@link #install(String)} is all or nothing: every bundle of the feature is installed from
 * the local repository, resolved and started, or, when one cannot be (missing from the
 * repository, an unresolvable requirement, a failing activator), everything the call installed is
 * uninstalled again and the {@link FeatureException} names the bundle and the requirement.</li>
 * <li>{@link #remove(String)} uninstalls only the bundles no other installed feature lists, and
 * never a bundle the manager did not install itself (the launcher's bundles, an app dropped into
 * {@code deploy/}). The feature holding the feature manager's own bundle cannot be removed, nor one
 * whose bundles other bundles, staying installed, are wired to (they import its packages, say):
 * they would no longer resolve. The {@link FeatureException} ({@code IN_USE}) names each of them
 * and what it needs.</li>
 * <li>What {@code install} and {@code remove} change survives a restart of the container.</li>
 * </ul>
 * All methods are safe to call from any thread; changes are done one at a time.
 */
@ProviderType
public interface FeatureManager {

    /**
     * @return every feature the container knows: the descriptors of its features folder (a
     *         malformed one as {@link FeatureInfo.State#INVALID}, with the error) and any other
     *         installed feature (e.g. dropped into {@code deploy/}), sorted by id
     */
    List<FeatureInfo> available();

    /** @return the installed features, in the order they were installed */
    List<FeatureInfo> installed();

    /**
     * Installs a feature of the features folder and starts its bundles.
     *
     * @param feature the feature's id or artifact id
     * @return the installed feature
     * @throws FeatureException when the feature is unknown, already installed, malformed, or one
     *                          of its bundles fails (nothing is left installed then)
     */
    FeatureInfo install(String feature) throws FeatureException;

    /**
     * Removes an installed feature: stops and uninstalls the bundles no other installed feature
     * needs.
     *
     * @param feature the feature's id or artifact id
     * @return the feature, as it is now (state {@link FeatureInfo.State#AVAILABLE} when its
     *         descriptor is still in the features folder)
     * @throws FeatureException when the feature is not installed or may not be removed, or when
     *                          bundles that stay installed are wired to bundles it would uninstall
     *                          ({@link FeatureException.Reason#IN_USE}); nothing is changed then
     */
    FeatureInfo remove(String feature) throws FeatureException;
}
