package org.stagedoor.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

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
 */
final class RunFileResponses {

    private RunFileResponses() {
    }

    static ResponseEntity<Resource> of(PortalRuns.RunFile file) {
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
        return ResponseEntity.ok().headers(headers).body(new FileSystemResource(file.path()));
    }
}
