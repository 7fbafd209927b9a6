/**
 * The service-provider interface behind {@link org.cerise.api.Cerise#quickstart(Object, String,
 * java.util.Map)}, {@link org.cerise.api.Cerise#mount(Object, String, java.util.Map)} and the
 * other methods that run Cerise inside the application's own JVM: an {@link
 * org.cerise.api.embed.Embedding} found through {@link java.util.ServiceLoader} (the artifact
 * {@code org.cerise:cerise-quickstart} provides one that starts the OSGi container from the
 * class path). Apps do not use this package; they call {@link org.cerise.api.Cerise}.
 *
 * <p>1.1: {@link org.cerise.api.embed.Embedding#current()}, {@code reset},
 * {@code startWithoutServer} and {@code localServer}, and {@link org.cerise.api.embed.LocalServer},
 * the core's in-process entry point (a service of the container), for test kits.
 */
@Version("1.1.0")
@Export
package org.cerise.api.embed;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
