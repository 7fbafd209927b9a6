package org.cerise.admin.internal;

import java.util.List;

import org.cerise.features.FeatureInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Features as Gogo commands: {@code cerise:features} lists them (the records the JSON API's
 * {@code GET /cerise/api/features} shows), {@code cerise:feature-install NAME} and
 * {@code cerise:feature-remove NAME} change them, audited as user {@code gogo}.
 *
 * <p>Gogo calls the Java method named like the command; a name with a hyphen cannot be one, so
 * those two commands are one service whose {@code _main} method Gogo calls for either function
 * name, with the name as first argument.
 */
@Component(service = FeatureCommands.class, property = {"osgi.command.scope=cerise",
        "osgi.command.function=features"})
public final class FeatureCommands {

    @Reference
    private FeatureActions actions;

    /** @return every feature with its state and bundles (cerise:features) */
    public List<FeatureInfo> features() {
        return actions.available();
    }

    static String said(FeatureActions.Outcome o) {
        return AdminCommands.say(o.result());
    }

    /** {@code cerise:feature-install NAME} and {@code cerise:feature-remove NAME}. */
    @Component(service = Change.class, property = {"osgi.command.scope=cerise",
            "osgi.command.function=feature-install", "osgi.command.function=feature-remove"})
    public static final class Change {

        @Reference
        private FeatureActions actions;

        /**
         * @param command the command's name, which Gogo passes first to {@code _main}
         * @param feature the feature's id or artifact id
         * @return what happened
         */
        public String _main(String command, String feature) {
            return said(switch (command) {
                case "feature-install" -> actions.install("gogo", feature);
                case "feature-remove" -> actions.remove("gogo", feature);
                default -> throw new IllegalArgumentException("not a feature command: " + command);
            });
        }
    }
}
