package dev.sextant.trading.engine.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.Labels;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShadowComparisonTest {

    private static final Instrument BTC = Instrument.crypto("BTC-USD", "TEST", "USD");
    private static final TimeFrame TF = TimeFrame.M1;

    /** A source that warms up for {@code warmUp} bars, then predicts a fixed distribution; skips every 7th bar. */
    private static SignalSource source(int warmUp, ClassProbabilities p) {
        int[] seen = {0};
        return (instrument, timeFrame, bar) -> {
            int i = seen[0]++;
            if (i < warmUp) {
                return SignalResult.warmingUp();
            }
            if (i % 7 == 0) {
                return SignalResult.noPrediction();
            }
            return SignalResult.of(new Signal(instrument, Instant.ofEpochMilli(bar.time() + timeFrame.millis()), p.argmax(), p,
                    p.of(p.argmax()), "test", "1"));
        };
    }

    private static double[] closes(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] c = new double[n];
        double price = 100;
        for (int i = 0; i < n; i++) {
            price *= Math.exp(0.01 * rng.nextGaussian());
            c[i] = price;
        }
        return c;
    }

    private static Bar bar(int i, double close) {
        return new Bar(i * TF.millis(), close, close * 1.001, close * 0.999, close, 10);
    }

    @Test
    void scoresEveryBarBothModelsPredictedAgainstTheirOwnBatchLabels() {
        ClassProbabilities pa = new ClassProbabilities(0.2, 0.3, 0.5);
        ClassProbabilities pb = new ClassProbabilities(0.6, 0.3, 0.1);
        FixedHorizonLabeler la = new FixedHorizonLabeler(2, 0.5, 5);
        FixedHorizonLabeler lb = new FixedHorizonLabeler(6, 0.3, 10);
        ShadowComparison c = new ShadowComparison(new ShadowComparison.Contender(source(3, pa), la),
                new ShadowComparison.Contender(source(8, pb), lb));
        assertEquals(6, c.horizon());
        double[] close = closes(400, 3);
        for (int i = 0; i < close.length; i++) {
            c.onBar(BTC, TF, bar(i, close[i]));
        }
        assertEquals(400, c.bars());

        Labels a = la.label(close);
        Labels b = lb.label(close);
        double[] p = new double[6];
        System.arraycopy(pa.toArray(), 0, p, 0, 3);
        System.arraycopy(pb.toArray(), 0, p, 3, 3);
        int n = 0;
        double logA = 0;
        double brierB = 0;
        double returnDiff = 0;
        for (int i = 8; i < close.length; i++) {
            if (i % 7 == 0 || !a.isDefined(i) || !b.isDefined(i)) {
                continue;
            }
            n++;
            logA += ClassificationMetrics.logLoss(p, 0, a.label(i));
            brierB += ClassificationMetrics.brier(p, 3, b.label(i));
            double r = Math.log(close[i + 1] / close[i]);
            returnDiff += (pb.argmax().sign() - pa.argmax().sign()) * r;
        }
        PairedScores s = c.scores();
        assertEquals(n, s.size());
        assertTrue(n > 300, "most bars are scored: " + n);
        assertEquals(logA / n, s.meanLossChampion(LossKind.LOG_LOSS), 1e-12);
        assertEquals(brierB / n, s.meanLossChallenger(LossKind.BRIER), 1e-12);
        double sum = 0;
        for (double d : s.returnDifferences()) {
            sum += d;
        }
        assertEquals(returnDiff, sum, 1e-12);
    }

    @Test
    void runsOnOneInstrumentOnly() {
        FixedHorizonLabeler l = new FixedHorizonLabeler(1, 0.5, 3);
        ClassProbabilities p = new ClassProbabilities(0.2, 0.3, 0.5);
        ShadowComparison c = new ShadowComparison(new ShadowComparison.Contender(source(0, p), l),
                new ShadowComparison.Contender(source(0, p), l));
        c.onBar(BTC, TF, bar(0, 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.onBar(Instrument.crypto("ETH-USD", "TEST", "USD"), TF, bar(1, 100)));
        assertTrue(e.getMessage().contains("ETH-USD"), e.getMessage());
    }
}
