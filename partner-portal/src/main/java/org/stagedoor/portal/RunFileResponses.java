package org.stagedoor.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A run's file as an HTTP answer: streamed from disk (never held in memory whole), named as the run's file in
 * both forms of RFC 6266 ({@code filename} and {@code filename*}), with its content type and length, and kept out
 * of shared caches (it may hold personal data).
 * <p>
 * Where the servlet container can send a file itself (Tomcat's NIO connector without TLS: {@code sendfile}, the
 * kernel copying from the page cache to the socket), it is asked to, as its own DefaultServlet does for static
 * files: copied through Spring's converters in small writes, a large file came down many times slower than reading
 * it from disk (docs/decisions/0010-few-request-threads.md).
 */
final class RunFileResponses {

    /** Tomcat's request attributes for sendfile ({@code org.apache.catalina.Globals}). */
    private static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";

    private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";

    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";

    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    /** Below this, one ordinary write is as cheap (Tomcat's DefaultServlet uses 48 KB). */
    private static final long SENDFILE_MIN_BYTES = 48 * 1024;

    private RunFileResponses() {
    }

    static ResponseEntity<Resource> of(PortalRuns.RunFile file, HttpServletRequest request) {
        long length;
        try {
            length = Files.size(file.path());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read the size of " + file.path(), ex);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(file.run().format().contentType()));
        headers.setContentLength(length);
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename(file.run().fileName(), StandardCharsets.UTF_8).build());
        headers.setCacheControl(CacheControl.noStore().cachePrivate());
        headers.set("X-Content-Type-Options", "nosniff");
        if (length >= SENDFILE_MIN_BYTES && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))) {
            // The body is left to the container, which sends the file when the response is committed.
            request.setAttribute(SENDFILE_FILENAME, file.path().toAbsolutePath().toString());
            request.setAttribute(SENDFILE_START, 0L);
            request.setAttribute(SENDFILE_END, length);
            return ResponseEntity.ok().headers(headers).build();
        }
        return ResponseEntity.ok().headers(headers).body(new FileSystemResource(file.path()));
    }
}
