/**
 * The runtime model: what is running and why. Apps (mount, bundle, state and the reason an app
 * is not serving), tools, dispatchers, session backends and request counters, as immutable
 * snapshots.
 *
 * <p>The core provides {@link org.cerise.api.runtime.RuntimeModel}; the admin bundle's JSON API
 * and Gogo commands read it, so both always show the same model. The sessions tool contributes
 * the session part through {@link org.cerise.api.runtime.SessionStatus}, so the core does not
 * depend on it. Since 1.1: {@link org.cerise.api.runtime.AppControl} (unmount, mount and restart an
 * app; check config overrides), and the app state {@code UNMOUNTED}. Since 1.2:
 * {@link org.cerise.api.runtime.RuntimeModel#recent()}, the last requests served
 * ({@link org.cerise.api.runtime.RecentRequest}).
 */
@Version("1.2.0")
@Export
package org.cerise.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
