package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of resampling and CSV IO for any valid generated series. */
class MarketDataProperties {

    /** A valid minute-bar series with random gaps, prices across many magnitudes and volumes. */
    @Provide
    Arbitrary<BarSeries> series() {
        Arbitrary<double[]> bar = Combinators.combine(
                Arbitraries.doubles().between(1e-4, 1e6).ofScale(6),
                Arbitraries.doubles().between(0, 0.2),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1e7),
                Arbitraries.integers().between(1, 7)).as((p, range, u1, u2, vol, step) -> {
                    double high = p * (1 + range);
                    double low = p / (1 + range);
                    double open = low + (high - low) * u1;
                    double close = low + (high - low) * u2;
                    return new double[] {open, high, low, close, vol, step};
                });
        return bar.list().ofMinSize(1).ofMaxSize(400).map(rows -> {
            BarSeries s = new BarSeries("gen", TimeFrame.M1);
            long t = 1_700_000_000_000L;
            for (double[] r : rows) {
                s.append(t, r[0], r[1], r[2], r[3], r[4]);
                t += (long) r[5] * 60_000L;
            }
            return s;
        });
    }

    @Property(tries = 200)
    void resamplingConservesVolumeAndOhlcBounds(@ForAll("series") BarSeries s,
            @ForAll("targets") TimeFrame target) {
        BarSeries out = BarResampler.resample(s, target, true);
        double in = 0;
        for (int i = 0; i < s.size(); i++) {
            in += s.volume(i);
        }
        double sum = 0;
        int j = 0;
        for (int k = 0; k < out.size(); k++) {
            long start = out.time(k);
            double hi = Double.NEGATIVE_INFINITY;
            double lo = Double.POSITIVE_INFINITY;
            double first = Double.NaN;
            double last = Double.NaN;
            while (j < s.size() && s.time(j) < start + target.millis()) {
                assertTrue(s.time(j) >= start, "source bar before its coarse bar");
                hi = Math.max(hi, s.high(j));
                lo = Math.min(lo, s.low(j));
                if (Double.isNaN(first)) {
                    first = s.open(j);
                }
                last = s.close(j);
                j++;
            }
            assertEquals(hi, out.high(k), 0);
            assertEquals(lo, out.low(k), 0);
            assertEquals(first, out.open(k), 0);
            assertEquals(last, out.close(k), 0);
            sum += out.volume(k);
        }
        assertEquals(s.size(), j, "every source bar lands in a coarse bar");
        assertEquals(in, sum, 1e-9 * Math.max(1, in));
    }

    @Provide
    Arbitrary<TimeFrame> targets() {
        return Arbitraries.of(TimeFrame.M1, TimeFrame.M5, TimeFrame.M15, TimeFrame.H1);
    }

    @Property(tries = 200)
    void csvWriteThenReadIsLossless(@ForAll("series") BarSeries s) throws IOException {
        StringWriter w = new StringWriter();
        BarCsvWriter.write(s, w);
        BarSeries back = BarCsvReader.read(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)), "mem");
        assertEquals(s.size(), back.size());
        for (int i = 0; i < s.size(); i++) {
            assertEquals(s.bar(i), back.bar(i));
        }
    }

    @Property(tries = 200)
    void streamingAndBatchReadersGiveIdenticalSeries(@ForAll("series") BarSeries s) throws IOException {
        StringWriter w = new StringWriter();
        BarCsvWriter.write(s, w);
        String csv = w.toString();
        BarSeries batch = BarCsvReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "mem");
        List<Bar> streamed = new java.util.ArrayList<>();
        try (BarCsvReader r = BarCsvReader.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "mem")) {
            r.forEachRemaining(streamed::add);
        }
        assertEquals(batch.size(), streamed.size());
        for (int i = 0; i < streamed.size(); i++) {
            assertEquals(batch.bar(i), streamed.get(i));
        }
    }

    @Property(tries = 100)
    void streamingResamplerNeverEmitsABarBeforeItCloses(@ForAll("series") BarSeries s, @ForAll("targets") TimeFrame target) {
        BarResampler r = new BarResampler(TimeFrame.M1, target);
        for (int i = 0; i < s.size(); i++) {
            long now = s.time(i) + TimeFrame.M1.millis();
            for (Bar b = r.onBar(s.bar(i)); b != null; b = r.pollPending()) {
                assertTrue(b.time() + target.millis() <= now, "coarse bar emitted before its close");
            }
        }
    }
}
