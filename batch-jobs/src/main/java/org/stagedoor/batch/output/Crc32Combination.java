package org.stagedoor.batch.output;

/**
 * The CRC-32 of two byte sequences one after the other, from the CRC of each and the second's length: zlib's
 * {@code crc32_combine}, which {@link java.util.zip.CRC32} does not offer. It lets a worksheet's CRC be had
 * without reading the sheet again after its head has changed.
 */
final class Crc32Combination {

    /** The reflected CRC-32 polynomial. */
    private static final long POLYNOMIAL = 0xEDB88320L;

    private Crc32Combination() {
    }

    /** The CRC of A then B, given the CRC of A, the CRC of B and the length of B. */
    static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        long[] even = new long[32];
        long[] odd = new long[32];
        // The operator for one zero bit, then squared to two and to four zero bits.
        odd[0] = POLYNOMIAL;
        long row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd);
        square(odd, even);
        long crc = crcA;
        long length = lengthB;
        do {
            // Apply zeros one byte, two bytes, four bytes, … at a time, for each bit set in the length.
            square(even, odd);
            if ((length & 1) != 0) {
                crc = times(even, crc);
            }
            length >>= 1;
            if (length == 0) {
                break;
            }
            square(odd, even);
            if ((length & 1) != 0) {
                crc = times(odd, crc);
            }
            length >>= 1;
        } while (length != 0);
        return crc ^ crcB;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] result, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            result[n] = times(matrix, matrix[n]);
        }
    }
}
