package org.cerise.itests.apps.bodies;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.cerise.api.Config;
import org.cerise.api.Expose;
import org.cerise.api.Response;

/** One handler per body type a handler may return. */
public class BodiesApp {

    @Expose
    public byte[] bytes() {
        return "raw bytes".getBytes(StandardCharsets.UTF_8);
    }

    @Expose
    public InputStream input() {
        return new ByteArrayInputStream("from a stream".getBytes(StandardCharsets.UTF_8));
    }

    @Expose
    public Path file() throws IOException {
        Path file = Files.createTempFile("cerise-itest", ".txt");
        Files.writeString(file, "from a file");
        file.toFile().deleteOnExit();
        return file;
    }

    @Expose
    public Iterator<String> chunks() {
        return List.of("one ", "two ", "three").iterator();
    }

    @Expose
    public Stream<Object> stream() {
        return Stream.of("text ", "and ".getBytes(StandardCharsets.UTF_8), "bytes");
    }

    /** 20 chunks of 4 KiB, not streamed: collected, and sent with a Content-Length (as CherryPy does). */
    @Expose
    public Stream<String> big() {
        return Stream.generate(() -> "x".repeat(4096)).limit(20);
    }

    /** The same with response.stream: more than the server buffers, so it goes out chunked as produced. */
    @Expose
    @Config("response.stream = True")
    public Stream<String> streamed() {
        return Stream.generate(() -> "x".repeat(4096)).limit(20);
    }

    @Expose
    public void nothing() {
        // CherryPy: a handler returning None answers 200 with an empty body
    }

    @Expose
    public String typed(Response response) {
        response.setHeader("Content-Type", "text/plain");
        return "caf\u00e9";
    }

    @Expose
    public Integer notABody() {
        return 42;
    }
}
