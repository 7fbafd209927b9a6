package org.cerise.tool.staticfiles.internal;

import java.io.IOException;

/** Where a static scope's files are: a folder on disk or in the app's bundle. */
interface Folder {

    /**
     * @param rel a normalized relative path ({@code ""}: the folder or file itself)
     * @return the regular file there, or {@code null} (missing, a folder): the request falls
     *         through
     * @throws IOException               if the file exists but cannot be read
     * @throws org.cerise.api.HttpError 403 if it resolves outside the folder (a symbolic link)
     */
    StaticFile find(String rel) throws IOException;

    /** @return the folder, for messages */
    String describe();
}
