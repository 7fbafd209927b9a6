/**
 * The superstore's stock, as tutorial 11's apps see it: a {@link org.cerise.examples.tut11.stock.Stock}
 * service kept by the stock crew, an engine plugin that fills the shelves when the engine
 * starts, restocks them while it runs and empties them when it stops.
 */
@Version("1.0.0")
@Export
package org.cerise.examples.tut11.stock;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
