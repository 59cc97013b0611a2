package dev.sextant.benchmarks.core;

import dev.sextant.trading.core.io.BarCsvWriter;
import java.nio.file.Path;

/**
 * Writes the bars CSV file of {@link CsvReadBenchmark} (the same generator and seed) to a path,
 * for the Arrow and pandas anchors of {@code benchmarks/native/csv_anchors.py}.
 */
public final class GeneratedCsvFile {
    private GeneratedCsvFile() {
    }

    /**
     * Writes the file.
     *
     * @param args the output path
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GeneratedCsvFile <out.csv>");
        }
        BarCsvWriter.write(CsvReadBenchmark.bars(), Path.of(args[0]));
    }
}
