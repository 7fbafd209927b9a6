package org.cerise.admin.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cerise.features.FeatureBundleInfo;
import org.cerise.features.FeatureInfo;
import org.owasp.encoder.Encode;

/**
 * The HTML of the console's Features page: every feature the container offers, with its state,
 * what installed it and its bundles, and an Install or Remove button where the feature manager
 * would accept one. Every value is escaped: titles, descriptions, errors and file names come from
 * descriptor files the admin may not have written (a file dropped into {@code deploy/}).
 */
final class ConsoleFeatureViews {

    /** {@link FeatureInfo#source()} of a feature in the launch list. */
    static final String LAUNCH = "launch";
    /** {@link FeatureInfo#source()} of a feature installed through the API, the console or Gogo. */
    static final String REQUEST = "request";

    private ConsoleFeatureViews() {
    }

    /**
     * @param features      {@link org.cerise.features.FeatureManager#available()}
     * @param managerBundle the feature manager's symbolic name (see {@link #whyNotRemovable})
     * @param f             makes the forms
     * @return the page
     */
    static String page(List<FeatureInfo> features, String managerBundle, ConsolePlugin.Forms f) {
        // "needed by" lists full ids; the artifact id is what the admin types and reads elsewhere
        Map<String, String> names = new HashMap<>();
        features.forEach(x -> names.put(x.id(), x.name()));
        StringBuilder out = new StringBuilder();
        out.append("<p>The features of the container's <code>features/</code> folder and any feature installed from a ")
                .append("file in <code>deploy/</code>. <b>Install</b> takes the feature's bundles from the local ")
                .append("repository and starts them, all or nothing. <b>Remove</b> uninstalls the bundles no other ")
                .append("installed feature needs; apps that need the feature wait (503 with <code>Retry-After</code>) ")
                .append("until it is back. Both are kept for the next start.</p>");
        out.append("<table class=\"nicetable\" id=\"cerise-features\"><thead><tr>");
        for (String h : List.of("Feature", "Description", "State", "Source", "Bundles", "Actions")) {
            out.append("<th>").append(Encode.forHtml(h)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        if (features.isEmpty()) {
            out.append("<tr><td colspan=\"6\">(none: the features folder is empty)</td></tr>");
        }
        for (FeatureInfo x : features) {
            out.append("<tr data-feature=\"").append(Encode.forHtmlAttribute(x.name())).append("\" data-state=\"")
                    .append(Encode.forHtmlAttribute(String.valueOf(x.state()))).append("\">");
            out.append("<td><b>").append(Encode.forHtml(x.name())).append("</b><br><small>")
                    .append(Encode.forHtml(x.id())).append("</small></td>");
            out.append("<td>").append(Encode.forHtml(x.title() == null ? "" : x.title()));
            if (x.description() != null) {
                out.append(x.title() == null ? "" : "<br>").append("<small>").append(Encode.forHtml(x.description()))
                        .append("</small>");
            }
            out.append("</td><td class=\"state\">").append(Encode.forHtml(String.valueOf(x.state())));
            if (x.error() != null) {
                out.append("<br><span class=\"ui-state-error\">").append(Encode.forHtml(x.error())).append("</span>");
            }
            out.append("</td><td>").append(Encode.forHtml(source(x))).append("</td><td>");
            bundles(out, x.bundles(), names);
            out.append("</td><td class=\"actions\">").append(actions(x, managerBundle, f)).append("</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    /** @return what installed the feature, in words */
    static String source(FeatureInfo x) {
        if (x.source() == null) {
            return "";
        }
        return switch (x.source()) {
            case LAUNCH -> "launch (cerise.features)";
            case REQUEST -> "request";
            default -> "deploy file " + x.source();
        };
    }

    private static void bundles(StringBuilder out, List<FeatureBundleInfo> bundles, Map<String, String> names) {
        if (bundles.isEmpty()) {
            out.append("(none)");
            return;
        }
        out.append("<table class=\"cerise-bundles\"><tbody>");
        for (FeatureBundleInfo b : bundles) {
            out.append("<tr><td>");
            if (b.symbolicName() == null) {
                // not installed: the coordinates are all there is to show
                out.append(Encode.forHtml(b.id())).append("</td><td></td>");
            } else {
                out.append("<span title=\"").append(Encode.forHtmlAttribute(b.id())).append("\">")
                        .append(Encode.forHtml(b.symbolicName())).append("</span></td><td>")
                        .append(Encode.forHtml(b.version())).append("</td>");
            }
            out.append("<td>").append(Encode.forHtml(b.state())).append("</td><td>");
            if (!b.features().isEmpty()) {
                out.append("needed by ").append(Encode.forHtml(String.join(", ",
                        b.features().stream().map(id -> names.getOrDefault(id, id)).toList())));
            }
            if (b.symbolicName() != null && !b.managed()) {
                out.append(b.features().isEmpty() ? "" : "; ").append("installed by the launcher or from elsewhere, never ")
                        .append("uninstalled here");
            }
            out.append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    private static String actions(FeatureInfo x, String managerBundle, ConsolePlugin.Forms f) {
        Map<String, String> feature = Map.of("feature", x.id());
        return switch (x.state()) {
            case AVAILABLE -> f.button("install", "Install", feature);
            case INSTALLED -> {
                String why = whyNotRemovable(x, managerBundle);
                yield why == null ? f.button("remove", "Remove", feature)
                        : "<span class=\"cerise-why\">" + Encode.forHtml(why) + "</span>";
            }
            case INVALID -> "<span class=\"cerise-why\">fix the descriptor to install it</span>";
        };
    }

    /**
     * Why the feature manager would refuse to remove an installed feature, the same reasons it
     * gives ({@code FeatureManager.remove}), or {@code null} when it would not: the page shows
     * the reason instead of a button that could only fail.
     *
     * @param x             an installed feature
     * @param managerBundle the feature manager's symbolic name
     * @return the reason, or {@code null}
     */
    static String whyNotRemovable(FeatureInfo x, String managerBundle) {
        if (x.source() != null && !x.source().equals(LAUNCH) && !x.source().equals(REQUEST)) {
            return "installed by the file " + x.source() + ": delete that file to remove it";
        }
        for (FeatureBundleInfo b : x.bundles()) {
            if (managerBundle.equals(b.symbolicName())) {
                return "holds the feature manager itself (" + managerBundle + "): cannot be removed";
            }
        }
        return null;
    }
}
