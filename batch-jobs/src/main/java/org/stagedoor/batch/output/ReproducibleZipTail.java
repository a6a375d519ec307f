package org.stagedoor.batch.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Sits under fastexcel's zip stream and makes the XLSX package reproducible byte for byte.
 *
 * <p>fastexcel 0.19 zeroes zip entry times but stamps {@code dcterms:created} in docProps/core.xml with
 * {@code Instant.now()}, and offers no setter. So once the worksheets are written, the rest of the package
 * (content types, properties, workbook part, styles, central directory: a few kilobytes) is held back in
 * memory; then core.xml is re-deflated with the run's own time and the zip records after it re-pointed.
 * The layout is opczip's, which fastexcel uses: data descriptors with 8-byte sizes, 32-bit offsets.
 *
 * <p>The report writer puts this above a {@link ZipRecompressor}, so what passes through is fastexcel's
 * stored (level 0) package, which for a big report passes 4 GB long before the deflated file does: opczip's
 * 32-bit offsets then wrap. The tail itself is far shorter than 4 GB, so offsets into it are still right
 * modulo 2<sup>32</sup>, and the records after core.xml are told by their place in the central directory
 * (opczip writes it in the order of the entries), not by comparing offsets.
 */
final class ReproducibleZipTail extends OutputStream {

    static final String CORE_PROPERTIES = "docProps/core.xml";

    static final int LOCAL_HEADER = 0x04034b50;

    static final int DATA_DESCRIPTOR = 0x08074b50;

    static final int CENTRAL_HEADER = 0x02014b50;

    static final int END_OF_DIRECTORY = 0x06054b50;

    static final int LOCAL_HEADER_SIZE = 30;

    static final int DATA_DESCRIPTOR_SIZE = 24;

    static final int CENTRAL_HEADER_SIZE = 46;

    static final int END_OF_DIRECTORY_SIZE = 22;

    private static final Pattern CREATED = Pattern.compile(
            "(<dcterms:created xsi:type=\"dcterms:W3CDTF\">)[^<]*(</dcterms:created>)");

    private final OutputStream out;

    private long passedOn;

    private ByteArrayOutputStream tail;

    ReproducibleZipTail(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        if (tail != null) {
            tail.write(b);
        } else {
            out.write(b);
            passedOn++;
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (tail != null) {
            tail.write(bytes, offset, length);
        } else {
            out.write(bytes, offset, length);
            passedOn += length;
        }
    }

    @Override
    public void flush() throws IOException {
        if (tail == null) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** From now on hold bytes back: call when every worksheet entry is complete. */
    void holdTail() {
        tail = new ByteArrayOutputStream(16 * 1024);
    }

    /** Writes the held tail, with core.xml's created date set to {@code created}, and flushes. */
    void releaseTail(Instant created, int compressionLevel) throws IOException {
        String createdText = DateTimeFormatter.ISO_INSTANT.format(created.truncatedTo(ChronoUnit.SECONDS));
        out.write(rewrite(tail.toByteArray(), passedOn, createdText, compressionLevel));
        out.flush();
        tail = null;
    }

    /**
     * @param tail the package from some entry's local header to the end
     * @param base the tail's offset in the package
     */
    static byte[] rewrite(byte[] tail, long base, String created, int compressionLevel) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN);
        int end = tail.length - END_OF_DIRECTORY_SIZE;
        expect(end >= 0 && bytes.getInt(end) == END_OF_DIRECTORY, "end of central directory");
        int entries = Short.toUnsignedInt(bytes.getShort(end + 10));
        long directoryOffset = Integer.toUnsignedLong(bytes.getInt(end + 16));
        int directory = index(directoryOffset, base, tail);

        int core = -1;
        int coreIndex = -1;
        for (int record = directory, i = 0; i < entries; i++, record = nextRecord(bytes, record)) {
            expect(bytes.getInt(record) == CENTRAL_HEADER, "central directory record");
            int nameLength = Short.toUnsignedInt(bytes.getShort(record + 28));
            String name = new String(tail, record + CENTRAL_HEADER_SIZE, nameLength, StandardCharsets.UTF_8);
            if (name.equals(CORE_PROPERTIES)) {
                core = record;
                coreIndex = i;
            }
        }
        expect(core >= 0, CORE_PROPERTIES + " in the central directory");
        long coreOffset = Integer.toUnsignedLong(bytes.getInt(core + 42));
        int compressedSize = bytes.getInt(core + 20);
        int header = index(coreOffset, base, tail);
        expect(bytes.getInt(header) == LOCAL_HEADER, CORE_PROPERTIES + " local header");
        int data = header + LOCAL_HEADER_SIZE + Short.toUnsignedInt(bytes.getShort(header + 26))
                + Short.toUnsignedInt(bytes.getShort(header + 28));
        int descriptor = data + compressedSize;
        expect(bytes.getInt(descriptor) == DATA_DESCRIPTOR, CORE_PROPERTIES + " data descriptor");

        byte[] xml = withCreated(inflate(tail, data, compressedSize), created);
        byte[] deflated = deflate(xml, compressionLevel);
        CRC32 crc = new CRC32();
        crc.update(xml);
        int shift = deflated.length - compressedSize;

        ByteArrayOutputStream result = new ByteArrayOutputStream(tail.length + Math.max(shift, 0));
        result.write(tail, 0, data);
        result.write(deflated);
        result.write(ByteBuffer.allocate(DATA_DESCRIPTOR_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(DATA_DESCRIPTOR).putInt((int) crc.getValue())
                .putLong(deflated.length).putLong(xml.length).array());
        int afterCore = descriptor + DATA_DESCRIPTOR_SIZE;
        result.write(tail, afterCore, directory - afterCore);

        ByteBuffer records = ByteBuffer.wrap(Arrays.copyOfRange(tail, directory, tail.length))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int record = 0, i = 0; i < entries; i++, record = nextRecord(records, record)) {
            if (i > coreIndex) {
                records.putInt(record + 42, records.getInt(record + 42) + shift);
            } else if (i == coreIndex) {
                records.putInt(record + 16, (int) crc.getValue())
                        .putInt(record + 20, deflated.length)
                        .putInt(record + 24, xml.length);
            }
        }
        int endInRecords = end - directory;
        records.putInt(endInRecords + 16, (int) (directoryOffset + shift));
        result.write(records.array());
        return result.toByteArray();
    }

    private static int nextRecord(ByteBuffer bytes, int record) {
        return record + CENTRAL_HEADER_SIZE + Short.toUnsignedInt(bytes.getShort(record + 28))
                + Short.toUnsignedInt(bytes.getShort(record + 30)) + Short.toUnsignedInt(bytes.getShort(record + 32));
    }

    private static byte[] withCreated(byte[] xml, String created) throws IOException {
        Matcher matcher = CREATED.matcher(new String(xml, StandardCharsets.UTF_8));
        expect(matcher.find(), "dcterms:created in " + CORE_PROPERTIES);
        String replaced = matcher.replaceFirst("$1" + Matcher.quoteReplacement(created) + "$2");
        return replaced.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] inflate(byte[] source, int offset, int length) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(source, offset, length);
            ByteArrayOutputStream result = new ByteArrayOutputStream(length * 4);
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int count = inflater.inflate(buffer);
                expect(count > 0 || !inflater.needsInput(), "complete deflate data in " + CORE_PROPERTIES);
                result.write(buffer, 0, count);
            }
            return result.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException("Unreadable " + CORE_PROPERTIES + " in the XLSX package", e);
        }
        finally {
            inflater.end();
        }
    }

    private static byte[] deflate(byte[] source, int level) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(source);
            deflater.finish();
            ByteArrayOutputStream result = new ByteArrayOutputStream(source.length);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                result.write(buffer, 0, deflater.deflate(buffer));
            }
            return result.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Where a zip record's 32-bit {@code offset} falls in the tail, which starts at {@code base}. */
    private static int index(long offset, long base, byte[] tail) throws IOException {
        long offsetInTail = (offset - base) & 0xFFFFFFFFL;
        expect(offsetInTail < tail.length, "offsets within the package tail");
        return (int) offsetInTail;
    }

    private static void expect(boolean condition, String what) throws IOException {
        if (!condition) {
            throw new IOException("Unexpected XLSX package layout from fastexcel: no " + what);
        }
    }
}
