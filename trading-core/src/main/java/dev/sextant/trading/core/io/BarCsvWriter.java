package dev.sextant.trading.core.io;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes bars CSV in the contract format: header {@code timestamp,open,high,low,close,volume},
 * timestamps as ISO-8601 UTC instants, numbers in Java's shortest round-trip decimal form, so a
 * write followed by a read with {@link BarCsvReader} gives back exactly the same doubles.
 */
public final class BarCsvWriter {
    /** The header line of the bars CSV contract. */
    public static final String HEADER = "timestamp,open,high,low,close,volume";

    private BarCsvWriter() {
    }

    /**
     * Writes {@code series} to {@code file}, replacing it atomically ({@link AtomicFileWriter}): if
     * the write fails, the old file is left as it was.
     *
     * @throws UncheckedIOException naming the file and the operating system's reason
     */
    public static void write(BarSeries series, Path file) {
        AtomicFileWriter.writeTextUnchecked(file, w -> write(series, w));
    }

    /** Writes {@code series} to {@code out} (not closed). */
    public static void write(BarSeries series, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        StringBuilder sb = new StringBuilder(96);
        for (int i = 0; i < series.size(); i++) {
            sb.setLength(0);
            appendRow(sb, series.time(i), series.open(i), series.high(i), series.low(i), series.close(i), series.volume(i));
            out.append(sb);
        }
    }

    /** Writes one bar row (with its newline) to {@code out}. */
    public static void writeRow(Bar bar, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(96);
        appendRow(sb, bar.time(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
        out.append(sb);
    }

    private static void appendRow(StringBuilder sb, long t, double o, double h, double l, double c, double v) {
        sb.append(Instant.ofEpochMilli(t)).append(',')
                .append(o).append(',').append(h).append(',').append(l).append(',').append(c).append(',').append(v)
                .append('\n');
    }
}
