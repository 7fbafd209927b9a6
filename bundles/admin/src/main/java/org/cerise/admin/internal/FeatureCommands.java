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
 * each of those two commands is its own service whose {@code _main} method Gogo calls for any
 * function name (with the name as first argument).
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

    /** {@code cerise:feature-install NAME}. */
    @Component(service = Install.class, property = {"osgi.command.scope=cerise",
            "osgi.command.function=feature-install"})
    public static final class Install {

        @Reference
        private FeatureActions actions;

        /**
         * @param command the command's name, which Gogo passes first to {@code _main}
         * @param feature the feature's id or artifact id
         * @return what happened
         */
        public String _main(String command, String feature) {
            return said(actions.install("gogo", feature));
        }
    }

    /** {@code cerise:feature-remove NAME}. */
    @Component(service = Remove.class, property = {"osgi.command.scope=cerise",
            "osgi.command.function=feature-remove"})
    public static final class Remove {

        @Reference
        private FeatureActions actions;

        /**
         * @param command the command's name, which Gogo passes first to {@code _main}
         * @param feature the feature's id or artifact id
         * @return what happened
         */
        public String _main(String command, String feature) {
            return said(actions.remove("gogo", feature));
        }
    }
}
