package dev.sextant.examples.cli;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.features.indicators.StandardIndicators;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sextant indicators --input bars.csv --output out.csv}: writes {@code timestamp} (the bar
 * open time, ISO-8601 UTC) and the 20 standard indicator columns of
 * {@link StandardIndicators#COLUMNS}, one row per bar; a value that is not yet defined during
 * warm-up is an empty cell. Numbers are written in the shortest form that reads back to the
 * same double.
 */
@Command(name = "indicators", mixinStandardHelpOptions = true,
        description = "Compute the standard indicator columns (sma_10 ... obv) for a bars file.")
final class IndicatorsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, description = "Bars CSV (timestamp,open,high,low,close,volume), Ta4j JSON, "
            + "or trades CSV (aggregated to 1m bars).")
    Path input;

    @Option(names = "--output", description = "Output CSV; standard output when omitted.")
    Path output;

    @Override
    public Integer call() {
        BarSeries bars = MarketDataFiles.loadBars(input);
        double[][] cols = StandardIndicators.compute(bars);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            write(bars, cols, out);
            out.flush();
        } else {
            AtomicFileWriter.writeTextUnchecked(output, w -> write(bars, cols, w));
            spec.commandLine().getErr().println("wrote " + bars.size() + " rows x " + (cols.length + 1) + " columns to " + output);
        }
        return 0;
    }

    static void write(BarSeries bars, double[][] cols, Writer w) {
        try {
            w.write("timestamp");
            for (String c : StandardIndicators.COLUMNS) {
                w.write(',');
                w.write(c);
            }
            w.write('\n');
            StringBuilder sb = new StringBuilder(512);
            for (int i = 0; i < bars.size(); i++) {
                sb.setLength(0);
                sb.append(Instant.ofEpochMilli(bars.time(i)));
                for (double[] col : cols) {
                    sb.append(',');
                    if (!Double.isNaN(col[i])) {
                        sb.append(col[i]);
                    }
                }
                sb.append('\n');
                w.write(sb.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
