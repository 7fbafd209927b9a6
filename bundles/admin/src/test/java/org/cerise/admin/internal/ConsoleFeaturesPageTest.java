package org.cerise.admin.internal;

import static org.cerise.admin.internal.HtmlAssertions.assertContains;
import static org.cerise.admin.internal.HtmlAssertions.assertLacks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cerise.features.FeatureBundleInfo;
import org.cerise.features.FeatureInfo;
import org.cerise.features.FeatureInfo.State;
import org.junit.jupiter.api.Test;

/** The console's Features page: every feature a row of escaped values, buttons only where the manager would act. */
class ConsoleFeaturesPageTest {

    private static final String MANAGER = "org.cerise.features";
    private static final String ROUTES = "org.cerise:cerise-dispatch-routes:0.1.0-SNAPSHOT";
    private static final String PLATFORM = "org.cerise:cerise-platform:0.1.0-SNAPSHOT";
    private static final String SESSIONS = "org.cerise:cerise-sessions:0.1.0-SNAPSHOT";
    private static final String TOOLS = "org.cerise:cerise-tools:0.1.0-SNAPSHOT";
    private static final String DROPPED = "org.example:dropped:1.0";

    private static FeatureBundleInfo running(String id, String bsn, boolean managed, String... features) {
        return new FeatureBundleInfo(id, bsn, "0.1.0.SNAPSHOT", 42, "ACTIVE", managed, List.of(features));
    }

    private static final List<FeatureInfo> FEATURES = List.of(
            new FeatureInfo(ROUTES, "cerise-dispatch-routes", "Routes dispatcher", "the routes dispatcher (/blog)",
                    State.AVAILABLE, null, "features/cerise-dispatch-routes.json",
                    List.of(new FeatureBundleInfo("org.cerise:cerise-dispatch-routes:0.1.0-SNAPSHOT", null, null, -1,
                            "NOT_INSTALLED", false, List.of())), null),
            new FeatureInfo(PLATFORM, "cerise-platform", "Cerise platform", null, State.INSTALLED, "launch",
                    "features/cerise-platform.json",
                    List.of(running("org.cerise:cerise-features:0.1.0-SNAPSHOT", MANAGER, false, PLATFORM)), null),
            new FeatureInfo(SESSIONS, "cerise-sessions", "Sessions", null, State.INSTALLED, "request",
                    "features/cerise-sessions.json",
                    List.of(running("com.fasterxml.jackson.core:jackson-databind:2.22.4", "com.fasterxml.jackson.core.jackson-databind",
                            true, SESSIONS, TOOLS)), null),
            new FeatureInfo(DROPPED, "dropped", "<img src=x onerror=alert(1)>", "\"quoted\" & <b>bold</b>",
                    State.INSTALLED, "/srv/cerise/deploy/<dropped>.json", "/srv/cerise/deploy/<dropped>.json",
                    List.of(running("org.example:evil:1.0", "org.example.<script>", true, DROPPED)), null),
            new FeatureInfo("broken.json", "broken.json", null, null, State.INVALID, null, "features/broken.json",
                    List.of(), "features/broken.json: line 3, column 5: unexpected '<' in key \"bundles\""));

    private static final String HTML = ConsoleFeatureViews.page(FEATURES, MANAGER,
            new ConsolePlugin.Forms("/system/console/cerise-features", "tok\"en"));

    /** @return the row of the feature with that artifact id */
    private static String row(String name) {
        Matcher m = Pattern.compile("<tr data-feature=\"" + Pattern.quote(name) + "\".*?</td></tr>(?=<tr data-feature|</tbody></table>$)",
                Pattern.DOTALL).matcher(HTML);
        assertTrue(m.find(), name + " has a row: " + HTML);
        return m.group();
    }

    @Test
    void everythingFromADescriptorIsEscaped() {
        assertLacks(HTML, "<img", "<script>", "<b>bold");
        assertContains(HTML,
                "&lt;img src=x onerror=alert(1)&gt;",
                "&#34;quoted&#34; &amp; &lt;b&gt;bold&lt;/b&gt;",
                "org.example.&lt;script&gt;");
        // the token is an attribute value and cannot close it
        assertContains(HTML, "name=\"csrf\" value=\"tok&#34;en\"");
    }

    @Test
    void anAvailableFeatureHasAnInstallButton() {
        String routes = row("cerise-dispatch-routes");
        assertContains(routes,
                "<td class=\"state\">AVAILABLE</td>",
                "data-action=\"install\"",
                "name=\"feature\" value=\"" + ROUTES + "\"",
                "<td>org.cerise:cerise-dispatch-routes:0.1.0-SNAPSHOT</td><td></td><td>NOT_INSTALLED</td>");
        assertLacks(routes, "data-action=\"remove\"");
    }

    @Test
    void anInstalledFeatureHasARemoveButtonAndItsBundlesSayWhoNeedsThem() {
        String sessions = row("cerise-sessions");
        assertContains(sessions, "data-action=\"remove\"");
        assertLacks(sessions, "data-action=\"install\"");
        assertContains(sessions,
                "<td>request</td>",
                "com.fasterxml.jackson.core.jackson-databind</span></td><td>0.1.0.SNAPSHOT</td>"
                    + "<td>ACTIVE</td><td>needed by cerise-sessions, " + TOOLS + "</td>"); // a feature not listed: its full id
    }

    @Test
    void thePlatformAndAFileInstalledFeatureSayWhyInsteadOfAButton() {
        String platform = row("cerise-platform");
        assertLacks(platform, "<form");
        assertContains(platform,
                "holds the feature manager itself (org.cerise.features): cannot be removed",
                "<td>launch (cerise.features)</td>",
                "installed by the launcher or from elsewhere");
        String dropped = row("dropped");
        assertLacks(dropped, "<form");
        assertContains(dropped,
                "installed by the file /srv/cerise/deploy/&lt;dropped&gt;.json: delete that file",
                "<td>deploy file /srv/cerise/deploy/&lt;dropped&gt;.json</td>");
    }

    @Test
    void anInvalidDescriptorShowsItsErrorAndNoButton() {
        String broken = row("broken.json");
        assertLacks(broken, "<form");
        assertContains(broken,
                "INVALID<br><span class=\"ui-state-error\">features/broken.json: line 3, column 5: "
                    + "unexpected &#39;&lt;&#39; in key &#34;bundles&#34;</span>");
    }

    @Test
    void removableIsDecidedAsTheManagerDecides() {
        assertNull(ConsoleFeatureViews.whyNotRemovable(FEATURES.get(2), MANAGER));
        assertTrue(ConsoleFeatureViews.whyNotRemovable(FEATURES.get(1), MANAGER).contains("feature manager"));
        assertTrue(ConsoleFeatureViews.whyNotRemovable(FEATURES.get(3), MANAGER).startsWith("installed by the file "));
    }

    @Test
    void noFeatures() {
        assertTrue(ConsoleFeatureViews.page(List.of(), MANAGER, new ConsolePlugin.Forms("/x", "t")).contains("(none"));
    }

    @Test
    void outcomesCountTheBundles() {
        FeatureInfo installed = new FeatureInfo(ROUTES, "cerise-dispatch-routes", null, null, State.INSTALLED, "request",
                null, List.of(running("org.cerise:cerise-dispatch-routes:0.1.0-SNAPSHOT", "org.cerise.dispatch.routes", true,
                        ROUTES)), null);
        assertEquals("feature cerise-dispatch-routes installed: 1 bundle started", FeatureActions.installed(installed));
        FeatureInfo shared = new FeatureInfo(SESSIONS, "cerise-sessions", null, null, State.INSTALLED, "request", null,
                List.of(running("a:a:1", "a", true, SESSIONS), running("b:b:1", "b", true, SESSIONS, TOOLS),
                        running("c:c:1", "c", true, SESSIONS)), null);
        assertEquals("feature cerise-sessions installed: 2 bundles started, 1 bundle already running",
                FeatureActions.installed(shared));
        FeatureInfo removed = new FeatureInfo(SESSIONS, "cerise-sessions", null, null, State.AVAILABLE, null, null,
                List.of(new FeatureBundleInfo("a:a:1", null, null, -1, "NOT_INSTALLED", false, List.of()),
                        running("b:b:1", "b", true, TOOLS)), null);
        assertEquals("feature cerise-sessions removed: 1 bundle uninstalled, 1 bundle kept (needed elsewhere)",
                FeatureActions.removed(removed));
    }
}
