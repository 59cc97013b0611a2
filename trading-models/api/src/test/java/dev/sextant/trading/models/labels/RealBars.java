package dev.sextant.trading.models.labels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Closes of the real Apple daily bars shipped in ta4j-examples (252 bars from 2013-01-02). */
final class RealBars {

    private RealBars() {
    }

    static double[] appleCloses() {
        try (InputStream in = RealBars.class.getResourceAsStream("/appleinc_bars_from_20130101_usd.csv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<Double> closes = new ArrayList<>();
            String header = r.readLine();
            int closeColumn = List.of(header.split(",")).indexOf("close");
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    closes.add(Double.parseDouble(line.split(",")[closeColumn]));
                }
            }
            return closes.stream().mapToDouble(Double::doubleValue).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
