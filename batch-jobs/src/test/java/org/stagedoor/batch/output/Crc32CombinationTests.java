package org.stagedoor.batch.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class Crc32CombinationTests {

    @Test
    void combinesTheCrcsOfTwoPartsIntoTheCrcOfTheWhole() {
        byte[] bytes = new byte[100_003];
        new Random(15).nextBytes(bytes);
        for (int split : new int[] {0, 1, 37, 50_000, 100_002, 100_003}) {
            CRC32 first = new CRC32();
            first.update(bytes, 0, split);
            CRC32 second = new CRC32();
            second.update(bytes, split, bytes.length - split);
            CRC32 whole = new CRC32();
            whole.update(bytes);

            assertThat(Crc32Combination.combine(first.getValue(), second.getValue(), bytes.length - split))
                    .as("split at %d", split).isEqualTo(whole.getValue());
        }
    }
}
