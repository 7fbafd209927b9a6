package org.cerise.tool.staticfiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.cerise.api.Cerise;
import org.cerise.api.HttpError;
import org.cerise.api.HttpRedirect;
import org.cerise.api.NotFound;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.tool.staticfiles.internal.MimeTypes;
import org.cerise.tool.staticfiles.internal.Sender;
import org.cerise.tool.staticfiles.internal.StaticFile;

/**
 * CherryPy's {@code serve_file}, {@code serve_fileobj} and {@code serve_download} for handlers.
 * Each sets the status, headers and body of the response being built on this thread and
 * returns the body, which the handler returns:
 *
 * <pre>
 * &#64;Expose
 * public Object report(String name) {
 *     return Static.serveDownload(REPORTS.resolve("2024.pdf"), "Report 2024 – Zürich.pdf");
 * }
 * </pre>
 *
 * <p>They answer as CherryPy 18.8 does: {@code Last-Modified} from the file's time, then
 * {@code If-Unmodified-Since} different from it is 412 and {@code If-Modified-Since} equal to it
 * (as text) is 304 ({@link HttpError} and {@link HttpRedirect}, thrown); on HTTP/1.1
 * {@code Accept-Ranges: bytes} and a {@code Range} header gives 206 with
 * {@code Content-Range} (several ranges: {@code multipart/byteranges}), or 416 with
 * {@code Content-Range: bytes *}{@code /N} when no range starts inside the file; a reversed or
 * unreadable range sends the whole file. The encode tool (on by default) wraps the handler, so a
 * {@code text/*} type served this way gets a {@code ;charset=utf-8} parameter, as in CherryPy;
 * the bytes are sent as they are.
 */
public final class Static {

    private Static() {
    }

    /**
     * Serves a file with the Content-Type guessed from its extension, inline.
     *
     * @param path an absolute path
     * @return the body
     * @throws IllegalArgumentException if the path is relative (a 500, as in CherryPy)
     * @throws NotFound                 if it is missing, unreadable or a folder
     */
    public static Object serveFile(Path path) {
        return serveFile(path, null, null, null);
    }

    /**
     * Serves a file with the given Content-Type.
     *
     * @param path        an absolute path
     * @param contentType the Content-Type, or {@code null} to guess it from the extension as
     *                    Python's {@code mimetypes} does (no guess leaves {@code text/html})
     * @return the body
     * @throws IllegalArgumentException if the path is relative
     * @throws NotFound                 if it is missing, unreadable or a folder
     */
    public static Object serveFile(Path path, String contentType) {
        return serveFile(path, contentType, null, null);
    }

    /**
     * CherryPy's {@code serve_file(path, content_type, disposition, name)}.
     *
     * @param path        an absolute path
     * @param contentType the Content-Type, or {@code null} to guess it from the extension
     * @param disposition {@code "attachment"} or {@code "inline"} for a Content-Disposition
     *                    header, or {@code null} for none
     * @param name        the file name in that header ({@code null}: the path's last
     *                    segment); non-ASCII names are also sent as {@code filename*=UTF-8''...}
     *                    (RFC 6266)
     * @return the body
     * @throws IllegalArgumentException if the path is relative
     * @throws NotFound                 if it is missing, unreadable or a folder
     */
    public static Object serveFile(Path path, String contentType, String disposition, String name) {
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("'" + path + "' is not an absolute path.");
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            throw new NotFound();
        }
        if (!attrs.isRegularFile()) {
            throw new NotFound();
        }
        String type = contentType != null ? contentType : MimeTypes.guess(path.toString());
        String cd = null;
        if (disposition != null) {
            Path file = path.getFileName();
            cd = Sender.contentDisposition(disposition, name != null ? name : file == null ? "" : file.toString());
        }
        StaticFile file;
        try {
            file = StaticFile.disk(path, attrs, type, -1);
        } catch (IOException e) {
            throw new NotFound();
        }
        Request request = Cerise.request();
        Response response = request.response();
        return Sender.send(request, response, file, type, cd);
    }

    /**
     * {@link #serveFile(Path, String, String, String)} for a path given as text, as CherryPy
     * takes it. A NUL byte or a malformed path is a 404, as a failed {@code stat} is.
     *
     * @param path        an absolute path
     * @param contentType the Content-Type, or {@code null} to guess it
     * @param disposition the Content-Disposition type, or {@code null} for none
     * @param name        the file name in that header, or {@code null}
     * @return the body
     */
    public static Object serveFile(String path, String contentType, String disposition, String name) {
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            throw new NotFound();
        }
        return serveFile(p, contentType, disposition, name);
    }

    /**
     * CherryPy's {@code serve_fileobj}: serves an open stream, which is closed once sent. A
     * {@code FileInputStream} has a length ({@code Content-Length}) and is read by ranges (its
     * channel is positioned, as CherryPy seeks); any other stream is sent whole, without
     * {@code Accept-Ranges}. Java cannot tell a stream's file time, so there is no
     * {@code Last-Modified} (CherryPy's {@code fstat} gives one).
     *
     * @param in          the stream
     * @param contentType the Content-Type, or {@code null} to leave the response's
     * @param disposition the Content-Disposition type, or {@code null} for none
     * @param name        the file name in that header; {@code null} sends the bare disposition
     * @return the body
     */
    public static Object serveFileobj(InputStream in, String contentType, String disposition, String name) {
        String cd = disposition == null ? null
                : name == null ? disposition : Sender.contentDisposition(disposition, name);
        Request request = Cerise.request();
        return Sender.send(request, request.response(), StaticFile.stream(in), contentType, cd);
    }

    /**
     * CherryPy's {@code serve_download}: the file as an {@code application/x-download}
     * attachment.
     *
     * @param path an absolute path
     * @param name the file name the browser should save it as, or {@code null} for the path's
     * @return the body
     */
    public static Object serveDownload(Path path, String name) {
        return serveFile(path, "application/x-download", "attachment", name);
    }

    /**
     * @param path an absolute path
     * @return the body, as {@link #serveDownload(Path, String)} under the file's own name
     */
    public static Object serveDownload(Path path) {
        return serveDownload(path, null);
    }
}
