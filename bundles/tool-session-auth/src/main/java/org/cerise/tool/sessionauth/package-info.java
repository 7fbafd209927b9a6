/**
 * What an app implements to plug its own credential check and login events into
 * {@code tools.session_auth}: a {@link org.cerise.tool.sessionauth.SessionAuthenticator}
 * service, named with {@link org.cerise.tool.sessionauth.CeriseSessionAuthenticator} and
 * selected in config with {@code tools.session_auth.check_username_and_password = 'NAME'}.
 */
@Version("1.0.0")
@Export
package org.cerise.tool.sessionauth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
