package org.stagedoor.batch.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReproducibleZipTailTests {

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
    void failsClearlyOnAPackageLayoutItDoesNotKnow() throws IOException {
        ReproducibleZipTail stream = new ReproducibleZipTail(new ByteArrayOutputStream());
        stream.holdTail();
        stream.write(new byte[64]);

        assertThatThrownBy(() -> stream.releaseTail(Instant.EPOCH, 1))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Unexpected XLSX package layout from fastexcel");
    }
}
