package org.cerise.api.tool;

import org.cerise.api.ConfigException;

/**
 * A CherryPy tool as an OSGi service, registered with a {@code cerise.tool.name} property
 * (see {@link CeriseTool}).
 *
 * <p>The core calls {@link #setup} when an app mounts, once per distinct config scope in which
 * {@code tools.NAME.on} is {@code True}, and keeps the hooks it registers for every request in
 * that scope. The same tool object serves every app and thread: keep per-request state in
 * {@link org.cerise.api.Request#setAttribute request attributes}, never in fields.
 *
 * <p>An app whose config turns on a tool that is not registered waits until it is; when a
 * tool's service goes away, the apps that use it go out of service until it returns.
 */
public interface Tool {

    /** Service property naming the tool, as in {@code tools.NAME.on}. */
    String NAME = "cerise.tool.name";

    /**
     * Checks the tool's arguments for one config scope and registers its hooks.
     *
     * @param setup the scope's arguments and the place to register hooks
     * @throws ConfigException if an argument is missing or wrong; the message should name the
     *                         key ({@code tools.NAME.ARG}) and the bad value. The app does not
     *                         mount.
     */
    void setup(ToolSetup setup) throws ConfigException;
}
