package org.cerise.api.runtime;

/**
 * One tool service.
 *
 * @param name          its {@code cerise.tool.name}
 * @param bundle        the symbolic name of the bundle that registered it
 * @param bundleVersion that bundle's version
 * @param serviceId     its service id
 */
public record ToolInfo(String name, String bundle, String bundleVersion, long serviceId) {
}
