package org.cerise.api.runtime;

/**
 * One dispatcher service.
 *
 * @param name          its {@code cerise.dispatcher.name}
 * @param bundle        the symbolic name of the bundle that registered it
 * @param bundleVersion that bundle's version
 * @param serviceId     its service id
 */
public record DispatcherInfo(String name, String bundle, String bundleVersion, long serviceId) {
}
