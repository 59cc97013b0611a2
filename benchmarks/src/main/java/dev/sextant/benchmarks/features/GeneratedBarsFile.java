package dev.sextant.benchmarks.features;

import dev.sextant.trading.core.BarSeries;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes the bars of {@link IndicatorBatchBenchmark} (the same generator, count and seed) to a
 * file for the native anchor in {@code benchmarks/native/}, so that both sides compute on the
 * same values. Format, little-endian: the bar count as a 64-bit integer, then the columns one
 * after the other: times (64-bit integers, epoch milliseconds), then open, high, low, close and
 * volume (64-bit IEEE doubles).
 */
public final class GeneratedBarsFile {
    private GeneratedBarsFile() {
    }

    /**
     * Writes the file.
     *
     * @param args the output path, then optionally the bar count (default 1,000,000) and seed (42)
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            throw new IllegalArgumentException("usage: GeneratedBarsFile <out.bin> [bars] [seed]");
        }
        int n = args.length > 1 ? Integer.parseInt(args[1]) : IndicatorBatchBenchmark.BARS;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : IndicatorBatchBenchmark.SEED;
        BarSeries bars = GeneratedBars.generate(n, seed);
        ByteBuffer buf = ByteBuffer.allocate(8 + 6 * 8 * n).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(n);
        for (int i = 0; i < n; i++) {
            buf.putLong(bars.time(i));
        }
        for (int i = 0; i < n; i++) {
            buf.putDouble(bars.open(i));
        }
        for (int i = 0; i < n; i++) {
            buf.putDouble(bars.high(i));
        }
        for (int i = 0; i < n; i++) {
            buf.putDouble(bars.low(i));
        }
        for (int i = 0; i < n; i++) {
            buf.putDouble(bars.close(i));
        }
        for (int i = 0; i < n; i++) {
            buf.putDouble(bars.volume(i));
        }
        buf.flip();
        try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }
}
