package org.cerise.admin.internal;

import java.util.List;

import org.cerise.features.FeatureException;
import org.cerise.features.FeatureInfo;
import org.cerise.features.FeatureManager;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Installing and removing features, for the admin API and the Gogo commands: each request,
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
     * @return 200 when removed; 400, 404 or 409 (nothing changed) else
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
                o = new Outcome(new Actions.Result(200, "feature " + f.id() + (install ? " installed (" + f.bundles().size()
                        + " bundles)" : " removed")), f);
            } catch (FeatureException e) {
                o = new Outcome(new Actions.Result(e.reason() == FeatureException.Reason.UNKNOWN ? 404 : 409,
                        e.getMessage()), null);
            }
        }
        Actions.audit(who, action + " " + feature, o.result());
        return o;
    }
}
