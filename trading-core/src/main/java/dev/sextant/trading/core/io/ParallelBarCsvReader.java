package dev.sextant.trading.core.io;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a large bars CSV file on several threads with exactly the result of
 * {@link BarCsvReader#read(Path, ValidationPolicy, ReadLimits)} under
 * {@link ValidationPolicy#STRICT}: the same bars, or the same {@link MarketDataException} with
 * the same line number and message as the one-thread reader would raise first.
 *
 * <p>The file is cut into parts at line breaks; the line breaks before each part are counted
 * first (a fast byte scan, in parallel), so every part knows the file line number of its first
 * line. Each part is then parsed and validated on its own thread, and the parts are joined in
 * file order, checking that time keeps increasing across each cut. Memory: the bars (48 bytes
 * each, twice while joining) plus one buffer and one line per thread. Thread-safe: stateless.
 */
public final class ParallelBarCsvReader {
    /** Files smaller than this are read on one thread: splitting them costs more than it saves. */
    static final long MIN_PART_BYTES = 4L << 20;
    private static final int BUFFER = 1 << 16;

    private ParallelBarCsvReader() {
    }

    /** Reads {@code file} strictly on all available processors with the default limits. */
    public static BarSeries read(Path file) {
        return read(file, Runtime.getRuntime().availableProcessors(), ReadLimits.DEFAULT);
    }

    /**
     * Reads {@code file} strictly on {@code threads} threads.
     *
     * @throws MarketDataException exactly as {@link BarCsvReader#read(Path)} would
     */
    public static BarSeries read(Path file, int threads, ReadLimits limits) {
        return read(file, threads, limits, MIN_PART_BYTES);
    }

    static BarSeries read(Path file, int threads, ReadLimits limits, long minPartBytes) {
        Checks.notNull(file, "file");
        Checks.positive(threads, "threads");
        Checks.notNull(limits, "limits");
        String source = file.toString();
        try (FileChannel ch = open(file)) {
            long size = ch.size();
            int parts = (int) Math.max(1, Math.min(threads * 4L, size / Math.max(1, minPartBytes)));
            if (parts == 1 || threads == 1) {
                return BarCsvReader.read(file, ValidationPolicy.STRICT, limits).series();
            }
            // the header: read once, it fixes the columns of every part
            List<String> header;
            long headerEnd;
            try (BarCsvReader first = new BarCsvReader(new CsvCursor(region(ch, 0, size), source, limits), source)) {
                header = first.header();
            }
            headerEnd = nextLineStart(ch, 0, size, limits);
            long[] starts = cuts(ch, headerEnd, size, parts, limits);
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                int n = starts.length - 1;
                List<Future<Long>> counts = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    long from = starts[i];
                    long to = starts[i + 1];
                    counts.add(pool.submit(() -> countLineBreaks(ch, from, to)));
                }
                long[] linesBefore = new long[n];
                long running = 1; // the header line
                for (int i = 0; i < n; i++) {
                    linesBefore[i] = running;
                    running += get(counts.get(i));
                }
                List<Future<BarCsvReader.Part>> parsed = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    long from = starts[i];
                    long to = starts[i + 1];
                    long before = linesBefore[i];
                    parsed.add(pool.submit(() -> new BarCsvReader(
                            new CsvCursor(region(ch, from, to), source, limits, header, before), source).readPart()));
                }
                return join(parsed, source, BarCsvReader.seriesName(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read: " + IoErrors.reason(e), e);
        }
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new MarketDataException(file.toString(), 0, null, null, null, "does not exist");
        }
    }

    /** Joins the parts in file order; the first error in file order wins, as in one-thread reading. */
    private static BarSeries join(List<Future<BarCsvReader.Part>> parts, String source, String name) {
        BarSeries out = new BarSeries(name, null, 1024);
        long last = Long.MIN_VALUE;
        long lastLine = 0;
        for (Future<BarCsvReader.Part> f : parts) {
            BarCsvReader.Part p = get(f);
            BarSeries s = p.bars();
            if (s.size() > 0 && s.time(0) <= last) {
                throw BarCsvReader.orderError(source, p.firstLine(), p.firstTimeText(), s.time(0), last, lastLine);
            }
            if (p.error() != null) {
                throw p.error();
            }
            for (int i = 0; i < s.size(); i++) {
                out.append(s.time(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i));
            }
            if (s.size() > 0) {
                last = s.lastTime();
                lastLine = p.lastLine();
            }
        }
        return BarCsvReader.withDetectedTimeFrame(out);
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Part boundaries: the start of the line at or after each even cut, so no line is split. A
     * cut that finds no line break within the line limit is dropped; the part before it then
     * meets the over-long line and reports it with its line number.
     */
    private static long[] cuts(FileChannel ch, long from, long size, int parts, ReadLimits limits) throws IOException {
        List<Long> starts = new ArrayList<>();
        starts.add(from);
        long step = Math.max(1, (size - from) / parts);
        for (int i = 1; i < parts; i++) {
            long target = Math.max(from + i * step, starts.get(starts.size() - 1) + 1);
            if (target >= size) {
                break;
            }
            long start = nextLineStart(ch, target - 1, size, limits);
            if (start > starts.get(starts.size() - 1) && start < size) {
                starts.add(start);
            }
        }
        starts.add(size);
        return starts.stream().mapToLong(Long::longValue).toArray();
    }

    /** The position after the first line break at or after {@code pos}, or {@code size}. */
    private static long nextLineStart(FileChannel ch, long pos, long size, ReadLimits limits) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        long limit = Math.min(size, pos + limits.maxLineBytes() + 2L);
        long p = pos;
        while (p < limit) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), limit - p));
            int n = ch.read(buf, p);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    return p + i + 1;
                }
            }
            p += n;
        }
        return size;
    }

    private static long countLineBreaks(FileChannel ch, long from, long to) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        byte[] a = buf.array();
        long count = 0;
        long p = from;
        while (p < to) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), to - p));
            int n = ch.read(buf, p);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (a[i] == '\n') {
                    count++;
                }
            }
            p += n;
        }
        return count;
    }

    /** The bytes [from, to) of the shared channel as a stream; closing it leaves the channel open. */
    private static InputStream region(FileChannel ch, long from, long to) {
        return new InputStream() {
            private long pos = from;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= to) {
                    return -1;
                }
                int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, to - pos)), pos);
                if (n > 0) {
                    pos += n;
                }
                return n;
            }
        };
    }
}
