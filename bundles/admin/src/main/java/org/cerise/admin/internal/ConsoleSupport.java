package org.cerise.admin.internal;

import org.cerise.api.runtime.RuntimeModel;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What every page of the console's Cerise category needs, in one component so that a page
 * references one service: the runtime model, the credentials (to name the user and check the
 * CSRF token of a form) and the actions.
 */
@Component(service = ConsoleSupport.class)
public final class ConsoleSupport {

    @Reference
    RuntimeModel model;
    @Reference
    Credentials credentials;
    @Reference
    Actions actions;
}
