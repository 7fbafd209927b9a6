package org.cerise.dispatch.vhost.internal;

import java.util.Map;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.CeriseConfigNamespace;
import org.cerise.api.tool.ConfigNamespace;
import org.cerise.api.tool.ToolSetup;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code vhost} config namespace: claims the {@code vhost.*} keys, so that they are not
 * reported as unread, and checks them wherever they are, so that a typo keeps the app from
 * mounting. The {@link VhostDispatcher} reads the values of {@code [/]}.
 */
@Component(service = ConfigNamespace.class)
@CeriseConfigNamespace(namespace = "vhost")
public final class VhostNamespace implements ConfigNamespace {

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        Map<String, Object> args = setup.args();
        VhostSettings.of(args, setup::badArg);
    }
}
