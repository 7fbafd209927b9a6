/**
 * What an app implements to plug its own credential store into {@code tools.auth_digest}: an
 * {@link org.cerise.tool.authdigest.Ha1Source} service, named with
 * {@link org.cerise.tool.authdigest.CeriseHa1Source} and selected in config with
 * {@code tools.auth_digest.get_ha1 = 'NAME'}.
 */
@Version("1.0.0")
@Export
package org.cerise.tool.authdigest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
