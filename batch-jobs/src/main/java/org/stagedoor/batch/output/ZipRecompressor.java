package org.stagedoor.batch.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;


/**
 * Takes deflate off the thread that writes the workbook.
 *
 * <p>fastexcel generates the sheet XML and deflates it on the caller's thread, one after the other. In a run
 * on two cores that thread is the bottleneck, while the database and the row decoding leave the other core
 * part of the time. So fastexcel is set to write with level 0 (stored deflate blocks: close to a copy) and
 * this stream, below it, hands the package over in a few fixed buffers to a thread of its own. That thread
 * reads the zip package back (local header, entry data, data descriptor, …, central directory, end
 * record), inflates each entry (a copy again, for stored blocks) and deflates it at the real level into
 * the file, with the new compressed sizes in the data descriptors and the central directory and the new
 * offsets in the latter. CRCs and uncompressed sizes stay as fastexcel computed them. The entry data is
 * found by inflating it, not from fastexcel's sizes, which opczip keeps in 32-bit ints (they wrap for a
 * stored sheet past 2 GB, where the deflated one is far smaller).
 *
 * <p>The bytes written depend only on the bytes given, never on the threads' timing: buffers are handed
 * over when full ({@link #flush()} does not hand over a part-filled one), so every entry is inflated and
 * deflated in the same pieces each time.
 *
 * <p>At most {@link #BUFFERS} buffers are in flight: a writer that gets ahead waits for the deflating
 * thread. A failure there (the file, or a package this cannot read) is kept and thrown as an
 * {@link IOException} by the writer's next hand-over, {@link #checkHealthy()} or {@link #finish()}.
 * {@link #close()} without {@code finish()} abandons the file. When either returns, the thread has ended.
 *
 * <p>Given the file itself, this also corrects each worksheet's {@code <dimension>}, which fastexcel writes as
 * {@code A1} before the rows it streams: the element is widened to a fixed-width placeholder, deflated as a
 * stored block so that its bytes stand in the file as they are, and overwritten in place once the writer has
 * told the sheet's range ({@link #dimension}); the entry's CRC is then combined from that of its head and of
 * the rest. Nothing is held back or read again, so the sheet stays streamed.
 *
 * <p>The layout read is opczip's, which fastexcel uses: data descriptors with 8-byte sizes, 32-bit
 * offsets; a package that would need an offset past 4 GB is refused rather than written corrupt.
 */
final class ZipRecompressor extends OutputStream {

    /** What the deflating threads are called, followed by a number. */
    static final String THREAD_NAME = "stagedoor-xlsx-deflate-";

    /** Bytes per buffer handed over, and of the output buffer. */
    static final int BUFFER_BYTES = 256 * 1024;

    /**
     * Buffers in circulation, one of them the writer's: 1.5 MB of memory (plus the output buffer), and
     * enough slack that neither thread waits on the other's short stalls (a flush of the sheet, a write of
     * the file).
     */
    static final int BUFFERS = 6;

    /** Inflated bytes per step, between the inflater and the deflater. */
    private static final int INFLATED_BYTES = 64 * 1024;

    private static final long MAX_32_BIT_OFFSET = 0xFFFFFFFEL;

    /** How often a waiting writer checks that the deflating thread is still there. */
    private static final long WAIT_MILLIS = 100;

    private static final byte[] NO_BYTES = new byte[0];

    /** Sent after the last bytes. */
    private static final Chunk END = new Chunk(NO_BYTES, 0);

    /** Sent by {@link #close()} without {@link #finish()}. */
    private static final Chunk ABANDON = new Chunk(NO_BYTES, 0);

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** A buffer handed over, and how much of it is filled. */
    private record Chunk(byte[] bytes, int length) {
    }

    /**
     * One entry as written: the central directory record gets its offset, compressed size, CRC and the change
     * in its uncompressed size (a worksheet's widened dimension).
     */
    private record Entry(byte[] name, long offset, long compressedSize, int crc, int sizeChange) {
    }

    /** Bytes of the file to overwrite once the package is written. */
    private record Patch(long offset, byte[] bytes) {
    }

    private static final Pattern WORKSHEET = Pattern.compile("xl/worksheets/sheet[0-9]+\\.xml");

    /** What fastexcel writes, whatever the sheet holds. */
    private static final byte[] FASTEXCEL_DIMENSION = ascii("<dimension ref=\"A1\"/>");

    /** The longest range a sheet can have. */
    private static final int MAX_RANGE_CHARS = "A1:XFD1048576".length();

    /** How far into a worksheet its dimension must come (it follows only the sheet's properties). */
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    /** Unwinds the deflating thread when the file is abandoned; not a failure. */
    private static final class Abandoned extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Abandoned() {
            super(null, null, false, false);
        }
    }

    private final OutputStream out;

    /** The file under {@link #out}, for correcting the worksheets' dimensions; null where they are left. */
    private final FileChannel file;

    /** Each worksheet entry's range, as the writer gives it before the entry ends. */
    private final Map<String, String> dimensions = new ConcurrentHashMap<>();

    private final int level;

    private final int strategy;

    /** Room for every buffer, END and ABANDON: putting never waits; the writer waits for a free buffer. */
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 2);

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);

    private final Thread deflating;

    private volatile Throwable failure;

    private volatile boolean abandoned;

    /** The writer's buffer; {@link #NO_BYTES} once the stream is ended, so that every write comes to handOff. */
    private byte[] current;

    private int position;

    /** END or ABANDON has been sent. */
    private boolean ended;

    private boolean closed;

    /**
     * @param out      the file, written and flushed by the deflating thread, closed by {@link #finish()}
     *                 or {@link #close()}
     * @param level    the deflate level of the file
     * @param strategy the deflater's strategy, {@link Deflater#DEFAULT_STRATEGY} but for comparisons
     */
    ZipRecompressor(OutputStream out, int level, int strategy) {
        this(out, null, level, strategy);
    }

    /** Writes to {@code file} and corrects its worksheets' dimensions; closing this closes the file. */
    ZipRecompressor(FileChannel file, int level) {
        this(Channels.newOutputStream(file), file, level, Deflater.DEFAULT_STRATEGY);
    }

    private ZipRecompressor(OutputStream out, FileChannel file, int level, int strategy) {
        this.out = Objects.requireNonNull(out, "out");
        this.file = file;
        this.level = level;
        this.strategy = strategy;
        this.current = new byte[BUFFER_BYTES];
        for (int i = 1; i < BUFFERS; i++) {
            free.add(new byte[BUFFER_BYTES]);
        }
        this.deflating = new Thread(RunLogging.carried(this::recompress), THREAD_NAME + THREADS.incrementAndGet());
        deflating.setDaemon(true);
        deflating.start();
    }

    ZipRecompressor(OutputStream out, int level) {
        this(out, level, Deflater.DEFAULT_STRATEGY);
    }

    @Override
    public void write(int b) throws IOException {
        if (position == current.length) {
            handOff();
        }
        current[position++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        while (length > 0) {
            if (position == current.length) {
                handOff();
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(bytes, offset, current, position, count);
            position += count;
            offset += count;
            length -= count;
        }
    }

    /** Hands nothing over: a part-filled buffer would make the output depend on when flushes happen. */
    @Override
    public void flush() {
    }

    /**
     * Gives a worksheet's range, such as {@code A1:F26}, to write as its dimension: call it before the
     * worksheet's last bytes are written. A worksheet without one keeps {@code A1}.
     */
    void dimension(String entryName, String range) {
        if (range.length() > MAX_RANGE_CHARS) {
            throw new IllegalArgumentException("Not a sheet's range: " + range);
        }
        dimensions.put(entryName, range);
    }

    /** Throws the deflating thread's failure, if any; cheap enough to call for every row. */
    void checkHealthy() throws IOException {
        Throwable cause = failure;
        if (cause != null) {
            throw new IOException("Could not write the XLSX file: " + cause.getMessage(), cause);
        }
    }

    /**
     * Hands the last bytes over, waits for the deflating thread to write the whole package and closes the
     * file. Throws that thread's failure, if any (the caller then closes this to release the file).
     */
    void finish() throws IOException {
        if (ended) {
            throw new IOException("The XLSX package is already " + (closed ? "closed" : "finished"));
        }
        checkHealthy();
        if (position > 0) {
            full.add(new Chunk(current, position));
        }
        current = NO_BYTES;
        position = 0;
        full.add(END);
        ended = true;
        awaitDeflating();
        checkHealthy();
        closed = true;
        out.close();
    }

    /** Without {@link #finish()}: abandons the package, waits for the deflating thread to stop and closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        current = NO_BYTES;
        position = 0;
        try {
            if (!ended) {
                ended = true;
                abandoned = true;
                full.add(ABANDON);
            }
            awaitDeflating();
        } finally {
            out.close();
        }
    }

    private void handOff() throws IOException {
        checkHealthy();
        if (ended) {
            throw new IOException("The XLSX package is already " + (closed ? "closed" : "finished"));
        }
        if (position > 0) {
            full.add(new Chunk(current, position));
            current = NO_BYTES;
            position = 0;
        }
        try {
            byte[] next;
            while ((next = free.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)) == null) {
                checkHealthy();
                if (!deflating.isAlive()) {
                    throw new IOException("The XLSX deflating thread has stopped");
                }
            }
            current = next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while writing the XLSX file");
        }
    }

    /** Waits for the deflating thread, uninterruptibly: it has at most a few buffers left to deflate. */
    private void awaitDeflating() {
        boolean interrupted = false;
        while (true) {
            try {
                deflating.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The deflating thread. */
    private void recompress() {
        Inflater inflater = new Inflater(true);
        Deflater deflater = new Deflater(level, true);
        deflater.setStrategy(strategy);
        Deflater stored = new Deflater(Deflater.NO_COMPRESSION, true);
        try {
            new Recompression(new Input(), new Output(out), inflater, deflater, stored).run();
        } catch (Abandoned e) {
            // The writer closed the file without finishing it: nothing to report.
        }
        catch (Throwable e) {
            failure = e;
        }
        finally {
            inflater.end();
            deflater.end();
            stored.end();
        }
    }

    /** Reads the package from the writer's buffers and writes it recompressed. */
    private final class Recompression {

        private final Input in;

        private final Output out;

        private final Inflater inflater;

        private final Deflater deflater;

        /** Deflates a worksheet's head as stored blocks, so that its dimension can be overwritten in the file. */
        private final Deflater stored;

        private final byte[] inflated = new byte[INFLATED_BYTES];

        private final List<Patch> patches = new ArrayList<>();

        /** The current worksheet's head, up to its dimension placeholder, and the placeholder's offset. */
        private byte[] head;

        private long placeholderOffset;

        /** The CRC of the current worksheet after its head. */
        private final CRC32 restCrc = new CRC32();

        private long restLength;

        Recompression(Input in, Output out, Inflater inflater, Deflater deflater, Deflater stored) {
            this.in = in;
            this.out = out;
            this.inflater = inflater;
            this.deflater = deflater;
            this.stored = stored;
        }

        void run() throws IOException {
            List<Entry> entries = new ArrayList<>();
            int signature = in.readInt();
            while (signature == ReproducibleZipTail.LOCAL_HEADER) {
                entries.add(entry());
                signature = in.readInt();
            }
            long directory = out.written();
            requireOffset(directory);
            int records = 0;
            while (signature == ReproducibleZipTail.CENTRAL_HEADER) {
                expect(records < entries.size(), "more central directory records than entries");
                record(entries.get(records++));
                signature = in.readInt();
            }
            expect(records == entries.size(), "a central directory record for every entry");
            expect(signature == ReproducibleZipTail.END_OF_DIRECTORY, "end of central directory");
            end(directory, out.written() - directory);
            in.requireEnd();
            out.flush();
            for (Patch patch : patches) {
                ByteBuffer bytes = ByteBuffer.wrap(patch.bytes());
                for (long at = patch.offset(); bytes.hasRemaining();) {
                    at += file.write(bytes, at);
                }
            }
        }

        /** Copies a local header, recompresses the data and writes the data descriptor. */
        private Entry entry() throws IOException {
            long offset = out.written();
            requireOffset(offset);
            ByteBuffer header = in.read(ReproducibleZipTail.LOCAL_HEADER_SIZE - 4);
            expect((header.getShort(2) & 0x08) != 0, "data descriptor flag in a local header");
            expect(header.getShort(4) == Deflater.DEFLATED, "deflated entry");
            int nameLength = Short.toUnsignedInt(header.getShort(22));
            int extraLength = Short.toUnsignedInt(header.getShort(24));
            byte[] name = in.read(nameLength).array();
            out.writeInt(ReproducibleZipTail.LOCAL_HEADER);
            out.write(header.array());
            out.write(name);
            out.write(in.read(extraLength).array());

            String entryName = new String(name, StandardCharsets.UTF_8);
            boolean worksheet = file != null && WORKSHEET.matcher(entryName).matches();
            head = null;
            long headBytes = out.written();
            long size = recompressData(worksheet);
            long compressedSize = out.written() - headBytes;

            expect(in.readInt() == ReproducibleZipTail.DATA_DESCRIPTOR, "data descriptor");
            ByteBuffer descriptor = in.read(ReproducibleZipTail.DATA_DESCRIPTOR_SIZE - 4);
            expect(descriptor.getLong(12) == size, "entry size matching its data");
            int crc = descriptor.getInt(0);
            int sizeChange = 0;
            if (worksheet) {
                byte[] dimension = dimensionElement(dimensions.getOrDefault(entryName, "A1"));
                patches.add(new Patch(placeholderOffset, dimension));
                CRC32 headCrc = new CRC32();
                headCrc.update(head);
                headCrc.update(dimension);
                crc = (int) Crc32Combination.combine(headCrc.getValue(), restCrc.getValue(), restLength);
                sizeChange = dimension.length - FASTEXCEL_DIMENSION.length;
                size += sizeChange;
            }
            out.write(ByteBuffer.allocate(ReproducibleZipTail.DATA_DESCRIPTOR_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(ReproducibleZipTail.DATA_DESCRIPTOR).putInt(crc)
                    .putLong(compressedSize).putLong(size).array());
            return new Entry(name, offset, compressedSize, crc, sizeChange);
        }

        /** @return the entry's uncompressed size, as fastexcel wrote it */
        private long recompressData(boolean worksheet) throws IOException {
            inflater.reset();
            deflater.reset();
            ByteArrayOutputStream pending = worksheet ? new ByteArrayOutputStream() : null;
            restCrc.reset();
            restLength = 0;
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    in.giveRestTo(inflater);
                }
                int count;
                try {
                    count = inflater.inflate(inflated);
                } catch (DataFormatException e) {
                    throw new IOException("Unreadable deflate data in the XLSX package", e);
                }
                if (count > 0 && pending != null) {
                    pending.write(inflated, 0, count);
                    byte[] sofar = pending.toByteArray();
                    int at = indexOf(sofar, FASTEXCEL_DIMENSION);
                    if (at >= 0) {
                        pending = null;
                        writeHead(Arrays.copyOfRange(sofar, 0, at));
                        int rest = at + FASTEXCEL_DIMENSION.length;
                        deflate(sofar, rest, sofar.length - rest);
                    } else {
                        expect(sofar.length < MAX_HEAD_BYTES, "dimension at the start of a worksheet");
                    }
                } else if (count > 0) {
                    deflate(inflated, 0, count);
                } else {
                    expect(inflater.finished() || inflater.needsInput(), "deflate data without a dictionary");
                }
            }
            in.takeBack(inflater.getRemaining());
            expect(pending == null, "dimension in a worksheet");
            deflater.finish();
            while (!deflater.finished()) {
                out.deflate(deflater);
            }
            return inflater.getBytesWritten();
        }

        private void deflate(byte[] bytes, int offset, int length) throws IOException {
            if (head != null) {
                restCrc.update(bytes, offset, length);
                restLength += length;
            }
            deflater.setInput(bytes, offset, length);
            while (!deflater.needsInput()) {
                out.deflate(deflater);
            }
        }

        /**
         * Writes a worksheet's head and a placeholder for its dimension as stored blocks, ending on a byte
         * boundary, so that the main deflater's stream can follow and the placeholder can be found in the file.
         */
        private void writeHead(byte[] before) throws IOException {
            head = before;
            byte[] placeholder = dimensionElement("A1:XFD1048576");
            stored.reset();
            stored.setInput(concat(before, placeholder));
            ByteArrayOutputStream deflated = new ByteArrayOutputStream(before.length + 64);
            byte[] buffer = new byte[4096];
            for (int count; (count = stored.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0;) {
                deflated.write(buffer, 0, count);
            }
            byte[] bytes = deflated.toByteArray();
            int at = indexOf(bytes, placeholder);
            expect(at >= 0 && stored.needsInput(), "stored worksheet head");
            placeholderOffset = out.written() + at;
            out.write(bytes);
        }

        private void record(Entry entry) throws IOException {
            ByteBuffer fixed = in.read(ReproducibleZipTail.CENTRAL_HEADER_SIZE - 4);
            int nameLength = Short.toUnsignedInt(fixed.getShort(24));
            byte[] name = in.read(nameLength).array();
            expect(Arrays.equals(name, entry.name()), "central directory records in the order of the entries");
            expect(entry.compressedSize() <= MAX_32_BIT_OFFSET, "compressed entry under 4 GB");
            fixed.putInt(12, entry.crc()).putInt(16, (int) entry.compressedSize())
                    .putInt(20, fixed.getInt(20) + entry.sizeChange()).putInt(38, (int) entry.offset());
            out.writeInt(ReproducibleZipTail.CENTRAL_HEADER);
            out.write(fixed.array());
            out.write(name);
            out.write(in.read(Short.toUnsignedInt(fixed.getShort(26)) + Short.toUnsignedInt(fixed.getShort(28)))
                    .array());
        }

        private void end(long directory, long directorySize) throws IOException {
            ByteBuffer end = in.read(ReproducibleZipTail.END_OF_DIRECTORY_SIZE - 4);
            end.putInt(8, (int) directorySize).putInt(12, (int) directory);
            out.writeInt(ReproducibleZipTail.END_OF_DIRECTORY);
            out.write(end.array());
            out.write(in.read(Short.toUnsignedInt(end.getShort(16))).array());
        }

        private static void requireOffset(long offset) throws IOException {
            if (offset > MAX_32_BIT_OFFSET) {
                throw new IOException("The XLSX package passes 4 GB, beyond the 32-bit offsets of its zip layout");
            }
        }
    }

    /** The deflating thread's side of the buffers. */
    private final class Input {

        private Chunk chunk = new Chunk(NO_BYTES, 0);

        private int position;

        int readInt() throws IOException {
            return read(4).getInt(0);
        }

        /** The next {@code length} bytes, little-endian. */
        ByteBuffer read(int length) throws IOException {
            byte[] bytes = new byte[length];
            for (int done = 0; done < length;) {
                if (position == chunk.length()) {
                    next("the end of the central directory");
                }
                int count = Math.min(length - done, chunk.length() - position);
                System.arraycopy(chunk.bytes(), position, bytes, done, count);
                position += count;
                done += count;
            }
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        /** Gives the inflater the rest of this buffer, or the next one; see {@link #takeBack}. */
        void giveRestTo(Inflater inflater) throws IOException {
            while (position == chunk.length()) {
                next("the end of an entry's deflate data");
            }
            inflater.setInput(chunk.bytes(), position, chunk.length() - position);
            position = chunk.length();
        }

        /** Steps back over the bytes the inflater was given but did not need. */
        void takeBack(int count) {
            position -= count;
        }

        void requireEnd() throws IOException {
            while (position == chunk.length()) {
                recycle();
                chunk = take();
                position = 0;
                if (chunk == END) {
                    return;
                }
                if (chunk == ABANDON) {
                    throw new Abandoned();
                }
            }
            throw layout("nothing after the end of the central directory");
        }

        private void next(String expected) throws IOException {
            recycle();
            chunk = take();
            position = 0;
            if (chunk == ABANDON || abandoned) {
                throw new Abandoned();
            }
            if (chunk == END) {
                throw layout(expected + " before the package ends");
            }
        }

        private void recycle() {
            if (chunk.bytes().length > 0) {
                free.add(chunk.bytes());
            }
        }

        private Chunk take() throws IOException {
            try {
                return full.take();
            } catch (InterruptedException e) {
                throw new InterruptedIOException("Interrupted while deflating the XLSX package");
            }
        }
    }

    /** The file, behind a buffer the deflater writes into directly. */
    private static final class Output {

        private final OutputStream out;

        private final byte[] buffer = new byte[BUFFER_BYTES];

        private int position;

        private long written;

        Output(OutputStream out) {
            this.out = out;
        }

        long written() {
            return written;
        }

        void writeInt(int value) throws IOException {
            write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        }

        void write(byte[] bytes) throws IOException {
            if (bytes.length > buffer.length - position) {
                drain();
            }
            if (bytes.length > buffer.length) {
                out.write(bytes);
            } else {
                System.arraycopy(bytes, 0, buffer, position, bytes.length);
                position += bytes.length;
            }
            written += bytes.length;
        }

        /** One step of the deflater, straight into the buffer. */
        void deflate(Deflater deflater) throws IOException {
            if (position == buffer.length) {
                drain();
            }
            int count = deflater.deflate(buffer, position, buffer.length - position);
            position += count;
            written += count;
        }

        void flush() throws IOException {
            drain();
            out.flush();
        }

        private void drain() throws IOException {
            if (position > 0) {
                out.write(buffer, 0, position);
                position = 0;
            }
        }
    }

    /** A dimension element of the placeholder's fixed length: spaces before its end are allowed in XML. */
    static byte[] dimensionElement(String range) {
        return ascii("<dimension ref=\"" + range + "\"" + " ".repeat(MAX_RANGE_CHARS - range.length()) + "/>");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void expect(boolean condition, String what) throws IOException {
        if (!condition) {
            throw layout(what);
        }
    }

    private static IOException layout(String what) {
        return new IOException("Unexpected XLSX package layout from fastexcel: no " + what);
    }
}
