/**
 * Cerise's test kit: CherryPy's {@code cherrypy.test.helper.CPWebCase} and {@code logtest.LogCase}
 * for JUnit 5. Extend {@link org.cerise.testkit.CPWebCase}, mount apps in a static
 * {@code setupServer()} with {@link org.cerise.api.Cerise#mount}, ask for pages with
 * {@code getPage} and check them with {@code assertStatus}, {@code assertHeader},
 * {@code assertBody}, {@code assertInBody}, {@code assertErrorPage} and the log assertions.
 */
@Version("1.0.0")
@Export
package org.cerise.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
