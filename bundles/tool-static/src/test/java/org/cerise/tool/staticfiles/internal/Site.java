package org.cerise.tool.staticfiles.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cerise.api.Expose;

/** A real folder to serve, with a secret beside it, and the app the tests mount. */
final class Site {

    static final String SECRET = "SECRET-TOKEN-7f3a";
    static final String DIGITS = "0123456789".repeat(10);

    private Site() {
    }

    /**
     * Builds {@code base/public} (the served folder), {@code base/secret.txt},
     * {@code base/public2/p2.txt} (a sibling whose name starts like the served one) and a
     * symbolic link {@code public/link.txt -> ../secret.txt}.
     */
    static Path build(Path base) throws IOException {
        Path pub = Files.createDirectories(base.resolve("public"));
        Files.createDirectories(pub.resolve("css"));
        Files.createDirectories(pub.resolve("sub"));
        write(pub.resolve("css/style.css"), "body { color: red; }\n");
        write(pub.resolve("index.html"), "<html><body>hi</body></html>\n");
        write(pub.resolve("app.js"), "console.log(1);\n");
        Files.write(pub.resolve("img.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 'x', 'x'});
        write(pub.resolve("digits.txt"), DIGITS);
        write(pub.resolve("README"), "noext\n");
        write(pub.resolve("sub/index.html"), "sub index\n");
        write(pub.resolve("r\u00e9sum\u00e9.txt"), "x");
        write(pub.resolve("100%.txt"), "percent");
        write(base.resolve("secret.txt"), SECRET + "\n");
        Files.createDirectories(base.resolve("public2"));
        write(base.resolve("public2/p2.txt"), SECRET + " in public2\n");
        Files.createSymbolicLink(pub.resolve("link.txt"), Path.of("../secret.txt"));
        Files.createSymbolicLink(pub.resolve("linkdir"), Path.of(".."));
        Files.createSymbolicLink(pub.resolve("inner-link.txt"), Path.of("digits.txt"));
        return pub;
    }

    static void write(Path p, String text) throws IOException {
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The app: an index, and a default handler that says what fell through to it. */
    public static class Root {
        @Expose
        public String index() {
            return "root";
        }

        @Expose(alias = "default")
        public String fallback(String... args) {
            return "default:" + String.join("/", args);
        }
    }
}
