/**
 * The JSON tools' public helper: {@link org.cerise.tool.json.Json#read} turns the document that
 * {@code tools.json_in} parsed into an instance of a handler's own class (a record, a bean),
 * with the tools' Jackson configuration.
 */
@Version("1.0.0")
@Export
package org.cerise.tool.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
