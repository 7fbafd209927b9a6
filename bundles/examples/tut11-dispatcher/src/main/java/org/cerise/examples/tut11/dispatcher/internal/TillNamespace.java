package org.cerise.examples.tut11.dispatcher.internal;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.CeriseConfigNamespace;
import org.cerise.api.tool.ConfigNamespace;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code till} config namespace: claims the {@code till.*} keys, so that they are not
 * reported as unread, and checks them wherever they are, so that a typo keeps the app from
 * mounting. The {@link TillDispatcher} reads the values of the app's root config.
 */
@Component(service = ConfigNamespace.class)
@CeriseConfigNamespace(namespace = "till")
public final class TillNamespace implements ConfigNamespace {

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        TillSettings.of(setup.args(), setup::badArg);
    }
}
