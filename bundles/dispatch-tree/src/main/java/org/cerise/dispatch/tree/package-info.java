/**
 * CherryPy's object-tree walk ({@code Dispatcher.find_handler}) for dispatchers built on it,
 * such as the method dispatcher: {@link org.cerise.dispatch.tree.ObjectTree} indexes an app's
 * objects when it mounts and finds the handler, or the resource, a path reaches.
 */
@Version("1.0.0")
@Export
package org.cerise.dispatch.tree;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
