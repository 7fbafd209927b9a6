/**
 * The tool SPI: CherryPy's tools and hooks as OSGi services.
 *
 * <p>A tool is a {@link org.cerise.api.tool.Tool} service named by its
 * {@code cerise.tool.name} property ({@link org.cerise.api.tool.CeriseTool}). Config turns it
 * on per path with {@code tools.NAME.on = True} and passes it arguments as
 * {@code tools.NAME.ARG}. When an app mounts, the core calls
 * {@link org.cerise.api.tool.Tool#setup} once for every distinct config scope where the tool
 * is on; the tool reads and checks its arguments there and registers
 * {@link org.cerise.api.tool.Hook hooks} at CherryPy's
 * {@link org.cerise.api.tool.HookPoint hook points}. Requests then run the precompiled hooks:
 * nothing is looked up or parsed per request.
 *
 * <p>1.3: {@link org.cerise.api.tool.ToolSetup#appEntry} reads the app's own bundle.
 */
@Version("1.3.0")
@Export
package org.cerise.api.tool;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
