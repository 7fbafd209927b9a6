package org.cerise.admin.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Hot-deploys an uploaded bundle. It is checked first (a jar, a manifest, a symbolic name, and
 * every mandatory package import and requirement provided by a bundle already installed), so a
 * bad upload changes nothing. Then, when FileInstall watches a {@code deploy} folder, the jar is
 * written there (atomically, as {@code <symbolic name>.jar}, or over the file the bundle was
 * installed from), so that it is installed like a dropped jar and survives a restart; a bundle
 * the container installed from elsewhere ({@code bundle/}) is updated in place; without
 * FileInstall the jar is installed through the framework.
 */
final class Deployer {

    /** How long the upload waits for FileInstall to install and start the jar. */
    private static final long WAIT_NANOS = 15_000_000_000L;

    private final BundleContext context;
    private final java.util.function.Supplier<Path> watchedFolder;

    Deployer(BundleContext context, java.util.function.Supplier<Path> watchedFolder) {
        this.context = context;
        this.watchedFolder = watchedFolder;
    }

    /**
     * @param name what the upload is called (a file name), for messages
     * @param jar  the bytes
     * @return the outcome: 201 installed, 200 replaced, 202 written but not started yet, 400/422 refused
     */
    Actions.Result deploy(String name, byte[] jar) {
        ManifestCheck.Bundle b;
        try {
            b = ManifestCheck.read(name, jar);
        } catch (IllegalArgumentException e) {
            return new Actions.Result(400, e.getMessage());
        }
        Bundle existing = existing(b.symbolicName());
        String missing = unresolved(b, existing);
        if (missing != null) {
            return new Actions.Result(422, name + " (" + b.symbolicName() + " " + b.version() + ") cannot be resolved "
                    + "here, nothing was installed: " + missing);
        }
        Path folder = watchedFolder.get();
        String what = b.symbolicName() + " " + b.version();
        try {
            if (existing != null) {
                Path file = folder == null ? null : fileOf(existing, folder);
                if (file != null) {
                    long before = existing.getLastModified();
                    write(file, jar);
                    return awaitStarted(b, before, "replaced " + file.getFileName() + " in " + folder + " (was "
                            + existing.getVersion() + "): " + what, 200);
                }
                existing.update(new ByteArrayInputStream(jar));
                return new Actions.Result(200, "updated bundle " + existing.getBundleId() + " in place (was "
                        + existing.getVersion() + "): " + what + (folder == null ? ""
                                : "; it was not installed from " + folder + ", so a restart brings back the original"));
            }
            if (folder != null) {
                Path file = folder.resolve(b.symbolicName().replaceAll("[^A-Za-z0-9._-]", "_") + ".jar");
                write(file, jar);
                return awaitStarted(b, -1, "wrote " + file.getFileName() + " into " + folder + ": " + what, 201);
            }
            Bundle installed = context.installBundle("cerise-admin-upload:" + b.symbolicName(), new ByteArrayInputStream(jar));
            try {
                installed.start();
            } catch (BundleException e) {
                installed.uninstall();
                return new Actions.Result(422, what + " could not be started, so it was uninstalled again: " + e.getMessage());
            }
            return new Actions.Result(201, "installed and started bundle " + installed.getBundleId() + ": " + what);
        } catch (BundleException | IOException | RuntimeException e) {
            return new Actions.Result(500, "could not deploy " + what + ": " + e);
        }
    }

    /** The installed bundle of that symbolic name (the newest if there are several). */
    private Bundle existing(String symbolicName) {
        Bundle found = null;
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED
                    && (found == null || b.getVersion().compareTo(found.getVersion()) > 0)) {
                found = b;
            }
        }
        return found;
    }

    /**
     * @return the first mandatory import or requirement nothing installed provides, or {@code null}
     */
    private String unresolved(ManifestCheck.Bundle b, Bundle replaced) {
        List<BundleCapability> packages = new ArrayList<>();
        List<BundleCapability> others = new ArrayList<>();
        for (Bundle installed : context.getBundles()) {
            if (installed == replaced || installed.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            BundleRevision revision = installed.adapt(BundleRevision.class);
            if (revision == null) {
                continue;
            }
            packages.addAll(revision.getDeclaredCapabilities(BundleRevision.PACKAGE_NAMESPACE));
            others.addAll(revision.getDeclaredCapabilities(null));
        }
        List<String> own = new ArrayList<>();
        for (ManifestCheck.Clause c : ManifestCheck.parse(b.header("Export-Package"))) {
            own.addAll(c.paths());
        }
        for (ManifestCheck.Clause c : ManifestCheck.parse(b.header("Import-Package"))) {
            if ("optional".equals(c.directives().get("resolution"))) {
                continue;
            }
            String range = c.attributes().get("version");
            VersionRange versions;
            try {
                versions = range == null ? null : new VersionRange(range);
            } catch (IllegalArgumentException e) {
                return "Import-Package: version=\"" + range + "\" is not a version range";
            }
            for (String pkg : c.paths()) {
                if (own.contains(pkg) || provided(packages, pkg, versions)) {
                    continue;
                }
                return "no installed bundle exports the package " + pkg + (range == null ? "" : " in version " + range)
                        + " (Import-Package)";
            }
        }
        for (ManifestCheck.Clause c : ManifestCheck.parse(b.header("Require-Capability"))) {
            String effective = c.directives().getOrDefault("effective", "resolve");
            if ("optional".equals(c.directives().get("resolution")) || !effective.equals("resolve")) {
                continue;
            }
            for (String namespace : c.paths()) {
                String filter = c.directives().get("filter");
                Filter f;
                try {
                    f = filter == null ? null : FrameworkUtil.createFilter(filter);
                } catch (InvalidSyntaxException e) {
                    return "Require-Capability " + namespace + ": the filter " + filter + " is not valid: " + e.getMessage();
                }
                boolean found = false;
                for (BundleCapability cap : others) {
                    if (cap.getNamespace().equals(namespace) && (f == null || f.matches(cap.getAttributes()))) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return "nothing installed provides the capability " + namespace
                            + (filter == null ? "" : " " + filter) + " (Require-Capability)";
                }
            }
        }
        for (ManifestCheck.Clause c : ManifestCheck.parse(b.header("Require-Bundle"))) {
            if ("optional".equals(c.directives().get("resolution"))) {
                continue;
            }
            for (String bsn : c.paths()) {
                if (existing(bsn) == null) {
                    return "the required bundle " + bsn + " is not installed (Require-Bundle)";
                }
            }
        }
        return null;
    }

    private static boolean provided(List<BundleCapability> packages, String pkg, VersionRange range) {
        for (BundleCapability cap : packages) {
            if (pkg.equals(cap.getAttributes().get(BundleRevision.PACKAGE_NAMESPACE))) {
                Object v = cap.getAttributes().get("version");
                if (range == null || range.includes(v instanceof Version ? (Version) v : Version.emptyVersion)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The file in the folder a bundle was installed from (FileInstall's location), or {@code null}. */
    private static Path fileOf(Bundle bundle, Path folder) {
        String location = bundle.getLocation();
        try {
            if (location.startsWith("file:")) {
                Path p = Path.of(URI.create(location)).toAbsolutePath().normalize();
                return folder.equals(p.getParent()) ? p : null;
            }
        } catch (IllegalArgumentException e) {
            // not a file URI FileInstall would write: not ours to overwrite
        }
        return null;
    }

    /** Written beside the folder, then moved in: FileInstall never sees half a jar. */
    private static void write(Path file, byte[] jar) throws IOException {
        Files.createDirectories(file.getParent());
        Path parent = file.getParent().getParent() != null ? file.getParent().getParent() : file.getParent();
        Path temp = Files.createTempFile(parent, ".cerise-upload-", ".part");
        try {
            Files.write(temp, jar);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Waits for FileInstall to start the new jar (a replaced one: to update it). */
    private Actions.Result awaitStarted(ManifestCheck.Bundle b, long lastModifiedBefore, String done, int status) {
        long end = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() - end < 0) {
            for (Bundle x : context.getBundles()) {
                if (b.symbolicName().equals(x.getSymbolicName()) && x.getVersion().equals(b.version())
                        && x.getState() == Bundle.ACTIVE && x.getLastModified() > lastModifiedBefore) {
                    return new Actions.Result(status, done + "; bundle " + x.getBundleId() + " is active");
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Actions.Result(202, done + "; FileInstall has not started it yet (see the log)");
    }
}
