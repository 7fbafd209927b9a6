package org.cerise.api.tool;

import org.cerise.api.ConfigException;

/**
 * A custom config namespace as an OSGi service, like CherryPy's {@code config.namespaces[...]}
 * handlers, registered with a {@code cerise.config.namespace} property (see
 * {@link CeriseConfigNamespace}). Config keys whose first dotted atom is the namespace
 * ({@code myns.key = ...}) are handed to it.
 *
 * <p>The core calls {@link #setup} when an app mounts, once per distinct config scope that has
 * keys in the namespace: {@link ToolSetup#toolName()} is then the namespace and
 * {@link ToolSetup#args()} its keys without the {@code myns.} prefix. The namespace checks them
 * (a bad value keeps the app from mounting) and may register hooks, exactly as a tool does.
 * Keys in a namespace that no service handles are still in {@code request.config()}; the app
 * is told once, at WARN, that nothing reads them.
 */
public interface ConfigNamespace {

    /** Service property naming the namespace. */
    String NAME = "cerise.config.namespace";

    /**
     * @param setup the namespace's keys in one config scope, and the hook registry
     * @throws ConfigException if a key or value is wrong; name it with {@link ToolSetup#badArg}
     */
    void setup(ToolSetup setup) throws ConfigException;
}
