package org.stagedoor.batch.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.rzymek.opczip.OpcOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipRecompressorTests {

    /** Larger than all the buffers in flight together, so that the writer has to wait for the deflater. */
    private static final int LARGE = 4 * ZipRecompressor.BUFFERS * ZipRecompressor.BUFFER_BYTES;

    @TempDir
    Path directory;

    @Test
    void recompressesEveryEntryKeepingItsBytesAndChecksum() throws IOException {
        Map<String, byte[]> entries = entries();
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        writePackage(stored, entries, Deflater.NO_COMPRESSION);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (ZipRecompressor recompressor = new ZipRecompressor(file, 1)) {
            recompressor.write(stored.toByteArray());
            recompressor.finish();
        }

        assertThat(file.size()).isLessThan(stored.size() / 4);
        Path zip = directory.resolve("recompressed.zip");
        Files.write(zip, file.toByteArray());
        Map<String, byte[]> read = new LinkedHashMap<>();
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> all = zipFile.entries(); all.hasMoreElements();) {
                ZipEntry entry = all.nextElement();
                try (InputStream in = zipFile.getInputStream(entry)) {
                    byte[] bytes = in.readAllBytes();
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    assertThat(crc.getValue()).as(entry.getName()).isEqualTo(entry.getCrc());
                    assertThat(entry.getCompressedSize()).as(entry.getName()).isLessThanOrEqualTo(bytes.length + 8L);
                    read.put(entry.getName(), bytes);
                }
            }
        }
        assertThat(read.keySet()).containsExactlyElementsOf(entries.keySet());
        entries.forEach((name, bytes) -> assertThat(read.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void writesTheSameBytesWhateverTheWritesAndTheThreadsTiming() throws IOException {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        writePackage(stored, entries(), Deflater.NO_COMPRESSION);
        byte[] bytes = stored.toByteArray();

        ByteArrayOutputStream fast = new ByteArrayOutputStream();
        try (ZipRecompressor recompressor = new ZipRecompressor(fast, 1)) {
            recompressor.write(bytes);
            recompressor.finish();
        }
        // Odd pieces, flushes between them, and a file that keeps the deflating thread waiting now and then.
        ByteArrayOutputStream slow = new ByteArrayOutputStream();
        Random random = new Random(7);
        try (ZipRecompressor recompressor = new ZipRecompressor(new SlowStream(slow), 1)) {
            for (int at = 0; at < bytes.length;) {
                int length = Math.min(bytes.length - at, random.nextInt(3) == 0 ? 1 : random.nextInt(100_000));
                if (length == 1) {
                    recompressor.write(bytes[at]);
                } else {
                    recompressor.write(bytes, at, length);
                }
                at += length;
                recompressor.flush();
            }
            recompressor.finish();
        }

        assertThat(slow.toByteArray()).isEqualTo(fast.toByteArray());
    }

    @Test
    void throwsTheFilesFailureOnTheWritersNextHandOver() throws IOException {
        Set<Thread> before = deflatingThreads();
        ZipRecompressor recompressor = new ZipRecompressor(new FailingStream(), 1);
        OpcOutputStream zip = new OpcOutputStream(recompressor);
        zip.setLevel(Deflater.NO_COMPRESSION);
        zip.putNextEntry(new ZipEntry("noise.bin"));
        byte[] noise = new byte[64 * 1024];
        Random random = new Random(3);

        assertThatThrownBy(() -> {
            // Noise hardly compresses, so the deflater soon writes, and fails; the writer hears of it long
            // before this loop ends.
            for (int i = 0; i < 1_000; i++) {
                random.nextBytes(noise);
                zip.write(noise);
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("No space left");
        assertThatThrownBy(recompressor::finish).isInstanceOf(IOException.class).hasMessageContaining("No space left");
        recompressor.close();

        assertThat(newThreads(before)).isEmpty();
    }

    @Test
    void abandonsThePackageOnCloseWithoutFinishAndStopsItsThread() throws IOException {
        Set<Thread> before = deflatingThreads();
        ClosableStream file = new ClosableStream();
        ZipRecompressor recompressor = new ZipRecompressor(file, 1);
        OpcOutputStream zip = new OpcOutputStream(recompressor);
        zip.setLevel(Deflater.NO_COMPRESSION);
        zip.putNextEntry(new ZipEntry("half.xml"));
        zip.write(text(LARGE));
        assertThat(newThreads(before)).hasSize(1);

        recompressor.close();

        assertThat(newThreads(before)).isEmpty();
        assertThat(file.closed).isTrue();
        assertThatThrownBy(() -> recompressor.write(new byte[ZipRecompressor.BUFFER_BYTES + 1]))
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThatThrownBy(recompressor::finish).isInstanceOf(IOException.class);
    }

    @Test
    void refusesBytesThatAreNotAZipPackage() throws IOException {
        Set<Thread> before = deflatingThreads();
        ZipRecompressor recompressor = new ZipRecompressor(new ByteArrayOutputStream(), 1);
        recompressor.write("<worksheet/>".repeat(10).getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(recompressor::finish)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Unexpected XLSX package layout from fastexcel");
        recompressor.close();
        assertThat(newThreads(before)).isEmpty();
    }

    @Test
    void refusesAPackageThatEndsEarly() throws IOException {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        writePackage(stored, entries(), Deflater.NO_COMPRESSION);
        ZipRecompressor recompressor = new ZipRecompressor(new ByteArrayOutputStream(), 1);
        recompressor.write(stored.toByteArray(), 0, stored.size() - 10);

        assertThatThrownBy(recompressor::finish)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("before the package ends");
        recompressor.close();
    }

    /** A small entry, an empty one and a large one, of XML-like text. */
    private static Map<String, byte[]> entries() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("[Content_Types].xml", "<Types/>".getBytes(StandardCharsets.US_ASCII));
        entries.put("empty.xml", new byte[0]);
        entries.put("xl/worksheets/sheet1.xml", text(LARGE));
        entries.put("docProps/core.xml", "<coreProperties/>".getBytes(StandardCharsets.US_ASCII));
        return entries;
    }

    private static byte[] text(int length) {
        StringBuilder text = new StringBuilder(length + 100);
        Random random = new Random(11);
        for (int r = 1; text.length() < length; r++) {
            text.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\"><v>")
                    .append(random.nextInt(1_000_000)).append("</v></c></row>");
        }
        text.setLength(length);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** As fastexcel writes a package: opczip, at the given level. */
    private static void writePackage(OutputStream out, Map<String, byte[]> entries, int level) throws IOException {
        OpcOutputStream zip = new OpcOutputStream(out);
        zip.setLevel(level);
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            zip.putNextEntry(new ZipEntry(entry.getKey()));
            zip.write(entry.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }

    private static Set<Thread> deflatingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(ZipRecompressor.THREAD_NAME))
                .collect(Collectors.toSet());
    }

    private static List<Thread> newThreads(Set<Thread> before) {
        List<Thread> threads = new ArrayList<>(deflatingThreads());
        threads.removeAll(before);
        return threads;
    }

    private static final class FailingStream extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    private static final class SlowStream extends FilterOutputStream {

        private int writes;

        SlowStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (writes++ % 3 == 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            out.write(bytes, offset, length);
        }
    }

    private static final class ClosableStream extends ByteArrayOutputStream {

        private volatile boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
