package org.stagedoor.batch.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.rzymek.opczip.OpcOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibleZipTailTests {

    @TempDir
    Path directory;

    @Test
    void passesBytesStraightThroughUntilTheTailIsHeld() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (ReproducibleZipTail stream = new ReproducibleZipTail(file)) {
            stream.write("sheet data".getBytes(StandardCharsets.US_ASCII));
            stream.holdTail();
            stream.write("tail".getBytes(StandardCharsets.US_ASCII));

            assertThat(file.toString(StandardCharsets.US_ASCII)).isEqualTo("sheet data");
        }
    }

    @Test
    void findsItsWayInATailPastFourGigabytesWhereOpczipsOffsetsWrap() throws IOException {
        // Under the recompressor the stream is fastexcel's stored package: 4 GB come soon.
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        OpcOutputStream zip = new OpcOutputStream(tail);
        zip.setLevel(Deflater.NO_COMPRESSION);
        for (String name : List.of("xl/styles.xml", ReproducibleZipTail.CORE_PROPERTIES, "xl/workbook.xml")) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write((name.equals(ReproducibleZipTail.CORE_PROPERTIES)
                    ? "<cp:coreProperties><dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-11-22T20:00:00.123Z"
                            + "</dcterms:created></cp:coreProperties>"
                    : "<" + name + "/>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        zip.finish();
        byte[] bytes = tail.toByteArray();

        byte[] rewritten = ReproducibleZipTail.rewrite(bytes, 0, "2026-11-09T19:30:00Z", 1);
        byte[] pastFourGigabytes = ReproducibleZipTail.rewrite(bytes, (1L << 32) * 3, "2026-11-09T19:30:00Z", 1);

        assertThat(pastFourGigabytes).isEqualTo(rewritten);
        Path file = directory.resolve("tail.zip");
        Files.write(file, rewritten);
        try (ZipFile read = new ZipFile(file.toFile())) {
            assertThat(new String(read.getInputStream(read.getEntry(ReproducibleZipTail.CORE_PROPERTIES))
                    .readAllBytes(), StandardCharsets.UTF_8)).contains(">2026-11-09T19:30:00Z<");
            assertThat(new String(read.getInputStream(read.getEntry("xl/workbook.xml")).readAllBytes(),
                    StandardCharsets.UTF_8)).isEqualTo("<xl/workbook.xml/>");
        }
    }

    @Test
    void failsClearlyOnAPackageLayoutItDoesNotKnow() throws IOException {
        ReproducibleZipTail stream = new ReproducibleZipTail(new ByteArrayOutputStream());
        stream.holdTail();
        stream.write(new byte[64]);

        assertThatThrownBy(() -> stream.releaseTail(Instant.EPOCH, 1))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Unexpected XLSX package layout from fastexcel");
    }
}
