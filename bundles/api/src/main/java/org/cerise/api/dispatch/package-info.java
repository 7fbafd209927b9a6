/**
 * The dispatcher SPI: how a path below an app's mount point becomes a handler and a config.
 *
 * <p>A dispatcher is a {@link org.cerise.api.dispatch.Dispatcher} service named by its
 * {@code cerise.dispatcher.name} property ({@link org.cerise.api.dispatch.CeriseDispatcher});
 * an app's config chooses it per path with {@code request.dispatch = "name"} (the default is
 * {@code "tree"}, CherryPy's object-tree dispatcher). When the app mounts, the dispatcher
 * {@link org.cerise.api.dispatch.Dispatcher#prepare prepares} a
 * {@link org.cerise.api.dispatch.Router} for it: everything that can be computed ahead
 * (handler index, argument binding, config trails) is computed there, so that routing a
 * request is a few map lookups.
 */
@Version("1.1.0")
@Export
package org.cerise.api.dispatch;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
