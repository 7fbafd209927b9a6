/**
 * What an app implements to plug its own credential store into {@code tools.auth_basic}: a
 * {@link org.cerise.tool.authbasic.PasswordChecker} service, named with
 * {@link org.cerise.tool.authbasic.CerisePasswordChecker} and selected in config with
 * {@code tools.auth_basic.checkpassword = 'NAME'}.
 */
@Version("1.0.0")
@Export
package org.cerise.tool.authbasic;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
