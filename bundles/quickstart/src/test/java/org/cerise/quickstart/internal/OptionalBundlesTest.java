package org.cerise.quickstart.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Which bundles of the class path wait until the apps are mounted, read from their manifests. */
class OptionalBundlesTest {

    private static ClassPathScan.Bundle bundle(String bsn, String exports, String imports) {
        return new ClassPathScan.Bundle(Path.of("/jars/" + bsn + ".jar"), bsn, ClassPathScan.packageNames(exports),
                ClassPathScan.packageNames(imports));
    }

    private static Set<String> deferred(ClassPathScan.Bundle... bundles) {
        return ClassPathScan.deferrable(List.of(bundles)).stream().map(ClassPathScan.Bundle::symbolicName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void packageNamesSkipAttributesAndQuotedLists() {
        assertEquals(Set.of("a.b", "c.d", "e", "f.g"), ClassPathScan.packageNames(
                "a.b;version=\"1.0\";uses:=\"x.y,z.w\", c.d ;e;version=\"[1,2)\",f.g"));
        assertEquals(Set.of("com.fasterxml.jackson.core", "com.fasterxml.jackson.core.json"), ClassPathScan.packageNames(
                "com.fasterxml.jackson.core;uses:=\"com.fasterxml.jackson.core.async,com.fasterxml.jackson.core.exc\";"
                        + "version=\"2.22.4\",com.fasterxml.jackson.core.json;version=\"2.22.4\""));
        assertEquals(Set.of(), ClassPathScan.packageNames(null));
        assertEquals(Set.of(), ClassPathScan.packageNames(""));
        assertEquals(Set.of("a"), ClassPathScan.packageNames("a;resolution:=optional,"));
        assertEquals(Set.of("a", "b", "c"), ClassPathScan.packageNames("a;b;x=\"1;2,3\";y:=z,c"));
    }

    @Test
    void aLibraryOnlyOptionalBundlesUseWaitsWithThem() {
        ClassPathScan.Bundle core = bundle("org.cerise.core", "org.cerise.core.x", "org.osgi.framework,jakarta.servlet");
        ClassPathScan.Bundle json = bundle("org.cerise.tool.json", "", "com.fasterxml.jackson.databind;version=\"[2.22,3)\"");
        ClassPathScan.Bundle databind = bundle("com.fasterxml.jackson.core.jackson-databind", "com.fasterxml.jackson.databind",
                "com.fasterxml.jackson.core,com.fasterxml.jackson.annotation");
        ClassPathScan.Bundle streaming = bundle("com.fasterxml.jackson.core.jackson-core", "com.fasterxml.jackson.core", "");
        ClassPathScan.Bundle annotations = bundle("com.fasterxml.jackson.core.jackson-annotations", "com.fasterxml.jackson.annotation", "");
        ClassPathScan.Bundle servlet = bundle("org.apache.felix.http.servlet-api", "jakarta.servlet", "");
        assertEquals(Set.of("org.cerise.tool.json", "com.fasterxml.jackson.core.jackson-databind",
                "com.fasterxml.jackson.core.jackson-core", "com.fasterxml.jackson.core.jackson-annotations"),
                deferred(core, json, databind, streaming, annotations, servlet));
    }

    @Test
    void aLibraryTheCoreOrTheApplicationUsesStartsFirst() {
        ClassPathScan.Bundle json = bundle("org.cerise.tool.json", "", "com.fasterxml.jackson.databind");
        ClassPathScan.Bundle databind = bundle("com.fasterxml.jackson.core.jackson-databind", "com.fasterxml.jackson.databind", "");
        // the application's own bundle uses Jackson too
        ClassPathScan.Bundle mine = bundle("com.example.shop", "com.example.shop.api", "com.fasterxml.jackson.databind");
        assertEquals(Set.of("org.cerise.tool.json"), deferred(json, databind, mine));
    }

    @Test
    void anOptionalPieceABundleUsesAtOnceStartsFirstWithWhatItUses() {
        // the application's bundle imports the JSON tool's API: the tool and Jackson are needed
        ClassPathScan.Bundle shop = bundle("com.example.shop", "", "org.cerise.tool.json");
        ClassPathScan.Bundle json = bundle("org.cerise.tool.json", "org.cerise.tool.json",
                "com.fasterxml.jackson.databind");
        ClassPathScan.Bundle databind = bundle("com.fasterxml.jackson.core.jackson-databind", "com.fasterxml.jackson.databind", "");
        ClassPathScan.Bundle gzip = bundle("org.cerise.tool.gzip", "", "");
        assertEquals(Set.of("org.cerise.tool.gzip"), deferred(shop, json, databind, gzip));
    }

    @Test
    void cerisesAppsAndCoreAreNeeded() {
        ClassPathScan.Bundle blog = bundle("org.cerise.examples.blog", "", "org.cerise.dispatch.routes");
        ClassPathScan.Bundle routes = bundle("org.cerise.dispatch.routes", "org.cerise.dispatch.routes", "");
        ClassPathScan.Bundle method = bundle("org.cerise.dispatch.method", "", "");
        ClassPathScan.Bundle core = bundle("org.cerise.core", "org.cerise.core.x", "");
        ClassPathScan.Bundle ram = bundle("org.cerise.session.ram", "", "");
        assertEquals(Set.of("org.cerise.dispatch.method", "org.cerise.session.ram"), deferred(blog, routes, method, core, ram));
    }

    @Test
    void bundlesNobodyImportsFromAreNeverOptional() {
        // an application bundle (components, a Jetty customizer...) and a library with no users
        ClassPathScan.Bundle mine = bundle("com.example.shop", "", "org.osgi.framework");
        ClassPathScan.Bundle lonely = bundle("org.example.lonely", "org.example.lonely", "");
        ClassPathScan.Bundle core = bundle("org.cerise.core", "org.cerise.core.x", "");
        assertEquals(Set.of(), deferred(mine, lonely, core));
    }
}
