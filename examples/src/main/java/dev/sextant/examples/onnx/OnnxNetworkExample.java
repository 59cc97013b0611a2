package dev.sextant.examples.onnx;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.TradeAggregator;
import dev.sextant.trading.core.io.TradeCsvReader;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.PretrainedModel;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.bundle.BundleWriter;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.onnx.OnnxModel;
import dev.sextant.trading.models.onnx.OnnxModelOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Example 5: bring your own network. The committed reference LSTM (PyTorch, exported to ONNX by
 * {@code examples/python/train_reference_models.py}; see its {@code MODEL_CARD.md}) runs through
 * the ONNX adapter: it reproduces PyTorch's own outputs on the committed feature sample, then
 * meets each check a user meets when the network and the features disagree (caught and printed,
 * each a typed exception), and finally feeds the pipeline's signal source on bars it never saw.
 */
public final class OnnxNetworkExample {

    /** What the example found. */
    public record Outcome(double maxGoldenDifference, List<String> caught, int signals) {
    }

    private OnnxNetworkExample() {
    }

    /** Runs with the committed models folder and the build's copy of the trades (or the two arguments). */
    public static void main(String[] args) throws IOException {
        run(Path.of(args.length > 0 ? args[0] : "src/main/resources/dev/sextant/examples/models"),
                Path.of(args.length > 1 ? args[1] : "target/data/bitstamp_trades_from_20131125_usd.csv"),
                new PrintWriter(System.out, true));
    }

    /** Runs on {@code models} (holding lstm.onnx and its goldens) and the trades CSV. */
    public static Outcome run(Path models, Path tradesCsv, PrintWriter out) throws IOException {
        Path onnx = models.resolve("lstm.onnx");
        FeatureSpec spec = FeatureSpec.standard24();
        // 1. Load with the shapes our feature engine produces: 24 features, windows of 60 bars.
        OnnxModelOptions options = OnnxModelOptions.defaults().withExpectedFeatureCount(spec.size()).withSequenceLength(60);
        List<String> caught = new ArrayList<>();
        try (OnnxModel lstm = OnnxModel.load(onnx, options)) {
            out.println("loaded " + lstm.metadata() + ", temperature " + lstm.temperature());
            // 2. Same numbers as PyTorch: the committed windows and what PyTorch predicted for them.
            double maxDiff = reproduceGolden(lstm, models.resolve("features_sample.csv"), models.resolve("lstm_golden.csv"));
            out.printf("largest difference to PyTorch over the golden windows: %.2e%n", maxDiff);

            // 3. The checks a user meets, each a typed error naming what disagrees.
            attempt(out, caught, () -> OnnxModel.load(onnx, options.withExpectedFeatureCount(35)).close());
            attempt(out, caught, () -> lstm.predict(new float[spec.size()], new double[3]));
            float[] window = new float[60 * spec.size()];
            window[7] = Float.NaN;
            attempt(out, caught, () -> lstm.predict(window, new double[3]));
            attempt(out, caught, () -> new ModelSignalSource(FeatureSpec.extended35(), lstm, "lstm", "1"));
            Path bundle = Files.createTempDirectory("lstm-bundle-");
            BundleWriter.create("lstm", "1", spec).addFile(lstm, onnx, Map.of(), null).single(lstm.metadata().id())
                    .writeDirectory(bundle);
            attempt(out, caught, () -> ModelBundle.load(bundle, FeatureSpec.extended35()).close());

            // 4. In the pipeline's signal source, on bars after the network's training and validation data.
            Instant trainedThrough = Instant.parse(
                    lstm.metadata().provenance().attributes().get(PretrainedModel.TRAINED_THROUGH_ATTRIBUTE));
            BarSeries bars;
            try (TradeCsvReader trades = TradeCsvReader.open(tradesCsv)) {
                bars = TradeAggregator.aggregate(trades, TimeFrame.M1, "BTC/USD");
            }
            ModelSignalSource source = new ModelSignalSource(spec, lstm, lstm.metadata().id(), "1");
            Instrument btc = Instrument.crypto("BTC/USD", "PAPER", "USD");
            int signals = 0;
            for (int i = 0; i < bars.size(); i++) {
                SignalResult s = source.onBar(btc, TimeFrame.M1, bars.bar(i));
                if (s instanceof SignalResult.Ready && bars.time(i) > trainedThrough.toEpochMilli()) {
                    signals++;
                }
            }
            out.println(signals + " signals on bars after " + trainedThrough);
            return new Outcome(maxDiff, caught, signals);
        }
    }

    private static void attempt(PrintWriter out, List<String> caught, Runnable step) {
        try {
            step.run();
            out.println("no error (unexpected)");
        } catch (ModelLoadException | IllegalArgumentException e) {
            // A wrong input is a ModelInputException, which is an IllegalArgumentException.
            caught.add(e.getClass().getSimpleName());
            out.println("caught " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static double reproduceGolden(OnnxModel lstm, Path featuresCsv, Path goldenCsv) throws IOException {
        List<String> features = Files.readAllLines(featuresCsv);
        List<String> golden = Files.readAllLines(goldenCsv);
        int f = lstm.metadata().featureCount();
        int seq = lstm.metadata().sequenceLength();
        float[] window = new float[seq * f];
        double[] p = new double[3];
        double max = 0;
        for (int row = seq; row < features.size(); row++) {
            for (int s = 0; s < seq; s++) {
                String[] cells = features.get(row - seq + 1 + s).split(",");
                for (int j = 0; j < f; j++) {
                    window[s * f + j] = Float.parseFloat(cells[1 + j]);
                }
            }
            lstm.predict(window, p);
            String[] expected = golden.get(row).split(",");
            for (int c = 0; c < 3; c++) {
                max = Math.max(max, Math.abs(p[c] - Double.parseDouble(expected[1 + c])));
            }
        }
        return max;
    }
}
