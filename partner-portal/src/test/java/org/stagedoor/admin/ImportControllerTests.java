package org.stagedoor.admin;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How long an import has run, as its page says it. */
class ImportControllerTests {

    @Test
    void aDurationReadsInSecondsAndMinutesAndAQuickImportAsLessThanASecond() {
        assertThat(ImportController.inWords(Duration.ofMillis(400))).isEqualTo("less than a second");
        assertThat(ImportController.inWords(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(ImportController.inWords(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
    }
}
