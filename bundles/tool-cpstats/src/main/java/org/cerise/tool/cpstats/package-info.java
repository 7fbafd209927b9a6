/**
 * The request statistics that the {@code cpstats} tool collects (CherryPy's
 * {@code lib/cpstats.py}), for readers in other bundles such as an admin console.
 *
 * <p>Get the {@link org.cerise.tool.cpstats.RequestStatistics} service and call
 * {@link org.cerise.tool.cpstats.RequestStatistics#snapshot()}: plain, immutable data for the
 * whole container and for each app whose config turns {@code tools.cpstats.on}.
 */
@Version("1.0.0")
@Export
package org.cerise.tool.cpstats;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
