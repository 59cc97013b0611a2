package dev.sextant.trading.models.smile.internal;

import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.Labels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Features and labels from the real Apple daily bars in ta4j-examples: log returns over 1, 5 and
 * 20 days (in percent) and fixed-horizon labels (5 days, k = 0.5, 20-day volatility).
 */
final class RealFeatures {

    private RealFeatures() {
    }

    static TrainingSet apple() {
        double[] close = closes();
        Labels labels = new FixedHorizonLabeler(5, 0.5, 20).label(close);
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int i = 20; i < close.length; i++) {
            if (labels.isDefined(i)) {
                x.add(new float[] {(float) (100 * Math.log(close[i] / close[i - 1])),
                    (float) (100 * Math.log(close[i] / close[i - 5])), (float) (100 * Math.log(close[i] / close[i - 20]))});
                y.add(labels.label(i));
            }
        }
        return TrainingSet.of(x.toArray(new float[0][]), y.stream().mapToInt(Integer::intValue).toArray());
    }

    static TrainingSet slice(TrainingSet s, int from, int to) {
        return TrainingSet.of(Arrays.copyOfRange(s.features(), from, to), Arrays.copyOfRange(s.labels(), from, to));
    }

    private static double[] closes() {
        try (InputStream in = RealFeatures.class.getResourceAsStream("/appleinc_bars_from_20130101_usd.csv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String[] header = r.readLine().split(",");
            int col = Arrays.asList(header).indexOf("close");
            List<Double> closes = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    closes.add(Double.parseDouble(line.split(",")[col]));
                }
            }
            return closes.stream().mapToDouble(Double::doubleValue).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
