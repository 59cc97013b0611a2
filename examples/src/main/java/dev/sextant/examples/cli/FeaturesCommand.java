package dev.sextant.examples.cli;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.core.io.SeriesSummary;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sextant features --input bars.csv --set standard-24 --output features.csv
 * [--timeframes 1m,5m,15m,1h]}: writes {@code timestamp} plus one column per feature, from the
 * first bar at which every feature is defined. With time frames, the first must be the input
 * bars' time frame and the others add columns named {@code feature@5m} computed on resampled bars
 * that have closed.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Compute a feature set (standard-24, extended-35 or a spec JSON) for a bars file.")
final class FeaturesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, description = "Bars CSV, Ta4j JSON, or trades CSV (aggregated to 1m bars).")
    Path input;

    @Option(names = "--set", description = "Built-in feature set: standard-24 (default) or extended-35.")
    String set;

    @Option(names = "--spec", description = "Feature spec JSON file (instead of --set).")
    Path specFile;

    @Option(names = "--timeframes", split = ",", description = "Time frames, the input's first, e.g. 1m,5m,15m,1h.")
    List<String> timeframes;

    @Option(names = "--output", description = "Output CSV; standard output when omitted.")
    Path output;

    @Option(names = "--print-spec", description = "Also print the spec JSON and its SHA-256 hash to standard error.")
    boolean printSpec;

    @Override
    public Integer call() {
        FeatureSpec fs = resolveSpec();
        BarSeries bars = MarketDataFiles.loadBars(input);
        if (timeframes != null && !timeframes.isEmpty()) {
            List<TimeFrame> tfs = new ArrayList<>();
            for (String t : timeframes) {
                tfs.add(TimeFrame.parse(t));
            }
            TimeFrame inputFrame = bars.timeFrame() != null ? bars.timeFrame() : SeriesSummary.detectTimeFrame(bars);
            if (inputFrame == null || !inputFrame.equals(tfs.get(0))) {
                throw new IllegalArgumentException(input + ": --timeframes must start with the input bars' time frame ("
                        + (inputFrame == null ? "unknown" : inputFrame) + ") but starts with " + tfs.get(0));
            }
            fs = fs.withTimeframes(tfs);
        }
        if (printSpec) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(fs.toJson());
            err.println("sha256 " + fs.hash());
        }
        FeatureEngine engine = FeatureEngine.create(fs);
        double[][] rows = engine.compute(bars);
        int written;
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            written = write(fs, bars, rows, out);
            out.flush();
        } else {
            int[] count = new int[1];
            FeatureSpec finalSpec = fs;
            AtomicFileWriter.writeTextUnchecked(output, w -> count[0] = write(finalSpec, bars, rows, w));
            written = count[0];
            spec.commandLine().getErr().println("wrote " + written + " rows x " + (fs.size() + 1) + " columns to " + output
                    + " (" + fs.name() + ", sha256 " + fs.hash().substring(0, 12) + ")");
        }
        return 0;
    }

    private FeatureSpec resolveSpec() {
        if (specFile != null && set != null) {
            throw new IllegalArgumentException("give either --set or --spec, not both");
        }
        if (specFile == null) {
            return FeatureSpec.named(set == null ? FeatureSpec.STANDARD_24 : set);
        }
        try {
            return FeatureSpec.fromJson(Files.readString(specFile, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(specFile + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + specFile, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(specFile + ": " + e.getMessage(), e);
        }
    }

    static int write(FeatureSpec fs, BarSeries bars, double[][] rows, Writer w) {
        try {
            w.write("timestamp");
            for (String c : fs.featureNames()) {
                w.write(',');
                w.write(c);
            }
            w.write('\n');
            int written = 0;
            StringBuilder sb = new StringBuilder(1024);
            for (int i = 0; i < rows.length; i++) {
                if (Double.isNaN(rows[i][0])) {
                    continue;
                }
                sb.setLength(0);
                sb.append(Instant.ofEpochMilli(bars.time(i)));
                for (double v : rows[i]) {
                    sb.append(',').append(v);
                }
                sb.append('\n');
                w.write(sb.toString());
                written++;
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
