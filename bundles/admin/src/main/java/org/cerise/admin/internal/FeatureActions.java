package org.cerise.admin.internal;

import java.util.List;

import org.cerise.features.FeatureBundleInfo;
import org.cerise.features.FeatureException;
import org.cerise.features.FeatureInfo;
import org.cerise.features.FeatureManager;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Installing and removing features, for the admin API, the console and the Gogo commands: each request,
 * done or refused, is written to the audit log as the other actions are ({@link Actions#audit}).
 */
@Component(service = FeatureActions.class)
public final class FeatureActions {

    @Reference
    private FeatureManager manager;

    /**
     * What an install or remove did.
     *
     * @param result  the status and a sentence
     * @param feature the feature as it is now, or null when the request was refused
     */
    public record Outcome(Actions.Result result, FeatureInfo feature) {
    }

    /** @return every feature the container knows, with its state and bundles */
    public List<FeatureInfo> available() {
        return manager.available();
    }

    /**
     * @return the symbolic name of the feature manager's bundle: the manager refuses to remove the
     *         feature holding it, and the console says so instead of offering a button
     */
    public String managerBundle() {
        Bundle b = FrameworkUtil.getBundle(manager.getClass());
        return b == null ? "org.cerise.features" : b.getSymbolicName();
    }

    /**
     * @param who     the user asking
     * @param feature the feature's id or artifact id
     * @return 200 when installed; 400, 404 or 409 (nothing changed) else
     */
    public Outcome install(String who, String feature) {
        return act(who, "feature-install", feature, true);
    }

    /**
     * @param who     the user asking
     * @param feature the feature's id or artifact id
     * @return 200 when removed; 400, 404 or 409 (nothing changed) else: 409 also when bundles that
     *         stay installed import from the bundles it would uninstall (the message names them)
     */
    public Outcome remove(String who, String feature) {
        return act(who, "feature-remove", feature, false);
    }

    private Outcome act(String who, String action, String feature, boolean install) {
        Outcome o;
        if (feature == null || !feature.matches("[A-Za-z0-9._:-]{1,200}")) {
            o = new Outcome(new Actions.Result(400, "'feature' must name a feature (its id or artifact id, e.g. "
                    + "cerise-dispatch-routes), got " + (feature == null ? "nothing" : "'" + feature + "'")), null);
        } else {
            try {
                FeatureInfo f = install ? manager.install(feature) : manager.remove(feature);
                o = new Outcome(new Actions.Result(200, install ? installed(f) : removed(f)), f);
            } catch (FeatureException e) {
                // CONFLICT, INVALID, FAILED and IN_USE (other bundles need the feature's) are all
                // about the container's state, not the request's form: 409
                o = new Outcome(new Actions.Result(e.reason() == FeatureException.Reason.UNKNOWN ? 404 : 409,
                        e.getMessage()), null);
            }
        }
        Actions.audit(who, action + " " + feature, o.result());
        return o;
    }

    /**
     * "feature cerise-dispatch-routes installed: 1 bundle started". A bundle that only this
     * feature lists and that the manager installed was started by this request; the others were
     * running already (shared with another feature, or installed by the launcher).
     */
    static String installed(FeatureInfo f) {
        long started = f.bundles().stream().filter(b -> b.managed() && b.features().equals(List.of(f.id()))).count();
        long shared = f.bundles().size() - started;
        return "feature " + f.name() + " installed: " + count(started, "bundle") + " started"
                + (shared == 0 ? "" : ", " + count(shared, "bundle") + " already running");
    }

    /**
     * "feature cerise-dispatch-vhost removed: 1 bundle uninstalled". The feature as returned by
     * the manager shows the bundles it uninstalled as not installed; the others stay, because
     * another installed feature lists them or the manager did not install them.
     */
    static String removed(FeatureInfo f) {
        long gone = f.bundles().stream().filter(b -> b.bundleId() < 0).count();
        List<FeatureBundleInfo> kept = f.bundles().stream().filter(b -> b.bundleId() >= 0).toList();
        return "feature " + f.name() + " removed: " + count(gone, "bundle") + " uninstalled"
                + (kept.isEmpty() ? "" : ", " + count(kept.size(), "bundle") + " kept (needed elsewhere)");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
