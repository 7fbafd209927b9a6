package org.cerise.admin.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;

/**
 * The Web Console page {@code /system/console/cerise-features}: every feature the container
 * offers with its state, source and bundles, installed and removed through {@link FeatureActions}
 * (the same actions, checks and audit as {@code POST /cerise/api/features/install|remove}).
 */
@Component(service = Servlet.class, property = {"felix.webconsole.label=cerise-features",
        "felix.webconsole.title=Features", ConsolePlugin.CATEGORY})
public final class ConsoleFeatures extends ConsolePlugin {

    private static final long serialVersionUID = 1L;

    @Reference
    private transient FeatureActions features;

    /** A page of the console. */
    public ConsoleFeatures() {
        super();
    }

    @Override
    String render(View v) {
        return ConsoleFeatureViews.page(features.available(), features.managerBundle(), v.forms());
    }

    @Override
    Map<String, ConsoleAction> actions() {
        return Map.of(
                "install", (who, p) -> features.install(who, p.get("feature")).result(),
                "remove", (who, p) -> features.remove(who, p.get("feature")).result());
    }
}
