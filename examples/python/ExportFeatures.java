import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvWriter;
import dev.sextant.trading.core.io.TradeAggregator;
import dev.sextant.trading.core.io.TradeCsvReader;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Aggregates a trades CSV (timestamp,price,amount) into 1-minute bars and writes the bars CSV and
 * the standard-24 feature CSV that train_reference_models.py reads. It uses the same Java
 * TradeAggregator and FeatureEngine as the `sextant data trades-to-bars` and `sextant features`
 * commands, so the columns and values are those the engine computes live. Warm-up rows have empty
 * feature cells.
 *
 * Run (JDK 25 source launcher; the jars are the installed Sextant modules and their dependencies):
 *   java -cp "$CP" examples/python/ExportFeatures.java TRADES.csv BARS_OUT.csv FEATURES_OUT.csv
 * See examples/python/README.md for the class path.
 */
public final class ExportFeatures {
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ExportFeatures TRADES.csv BARS_OUT.csv FEATURES_OUT.csv");
            System.exit(2);
        }
        Path trades = Path.of(args[0]);
        BarSeries bars;
        try (TradeCsvReader reader = TradeCsvReader.open(trades)) {
            bars = TradeAggregator.aggregate(reader, TimeFrame.parse("1m"), trades.getFileName().toString());
        }
        BarCsvWriter.write(bars, Path.of(args[1]));
        FeatureEngine engine = FeatureEngine.create(FeatureSpec.standard24());
        double[][] rows = engine.compute(bars);
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[2]))) {
            out.write("timestamp," + String.join(",", engine.spec().featureNames()));
            out.newLine();
            for (int i = 0; i < bars.size(); i++) {
                StringBuilder line = new StringBuilder(Instant.ofEpochMilli(bars.time(i)).toString());
                for (double v : rows[i]) {
                    line.append(',');
                    if (!Double.isNaN(v)) {
                        line.append(v);
                    }
                }
                out.write(line.toString());
                out.newLine();
            }
        }
        System.out.printf("%d 1m bars, %d features (%s, warm-up %d) -> %s, %s%n", bars.size(), engine.size(),
                engine.spec().name(), engine.warmUp(), args[1], args[2]);
    }
}
