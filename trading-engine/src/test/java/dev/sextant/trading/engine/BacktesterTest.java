package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.Labels;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BacktesterTest {
    static final Instrument BTC = Instrument.crypto("BTC/USD", "BITSTAMP", "USD");
    static final FeatureSpec SPEC = FeatureSpec.standard24();
    static Model model;

    /** A logistic model trained on the first 3,000 real minute bars only. */
    @BeforeAll
    static void train() {
        if (model != null) {
            return;
        }
        BarSeries bars = RealBars.btcMinutes();
        double[][] x = FeatureEngine.create(SPEC).compute(bars);
        Labels labels = new FixedHorizonLabeler(1, 0.25, 60).label(bars);
        List<float[]> rows = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            if (Double.isFinite(x[i][0]) && labels.isDefined(i) && allFinite(x[i])) {
                float[] r = new float[x[i].length];
                for (int j = 0; j < r.length; j++) {
                    r[j] = (float) x[i][j];
                }
                rows.add(r);
                ys.add(labels.label(i));
            }
        }
        model = Models.trainer("logistic").train(TrainingSet.of(rows.toArray(new float[0][]),
                ys.stream().mapToInt(Integer::intValue).toArray()), Map.of("id", "test-logistic"));
    }

    private static boolean allFinite(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    static BacktestConfig config(boolean keep) {
        return BacktestConfig.builder(BTC, TimeFrame.M1).costs(CostModel.ofBps(2, 1))
                .sizing(new SizingPolicy(new SizingMethod.FixedFractional(0.05), 0, false)).seed(7).keepDecisions(keep)
                .build();
    }

    /** Records what a source answered, in order. */
    static final class Recording implements SignalSource {
        final SignalSource inner;
        final List<SignalResult> seen = new ArrayList<>();

        Recording(SignalSource inner) {
            this.inner = inner;
        }

        @Override
        public SignalResult onBar(Instrument instrument, TimeFrame timeFrame, Bar bar) {
            SignalResult s = inner.onBar(instrument, timeFrame, bar);
            seen.add(s);
            return s;
        }
    }

    /** The signal a decision carries, if any. */
    static Optional<Signal> signalOf(Decision d) {
        return switch (d) {
            case Decision.Hold h -> Optional.of(h.signal());
            case Decision.CircuitOpen c -> Optional.of(c.suppressed());
            case Decision.OutOfDistribution o -> Optional.of(o.suppressed());
            case Decision.EdgeBelowMinimum e -> Optional.of(e.signal());
            case Decision.NotSized n -> Optional.of(n.signal());
            case Decision.Rejected r -> Optional.of(r.signal());
            case Decision.Sent s -> Optional.of(s.signal());
            case Decision.Resized r -> Optional.of(r.signal());
            case Decision.BrokerRefused b -> Optional.of(b.signal());
            case Decision.WarmingUp w -> Optional.empty();
            case Decision.NoPrediction n -> Optional.empty();
            case Decision.ModelFailed f -> Optional.empty();
        };
    }

    private static ModelSignalSource source() {
        // The test's model is shared; the source must not close it between runs.
        return new ModelSignalSource(SPEC, new NonClosing(model), "test", "1");
    }

    @Test
    void tradesRealBarsWithCostsAndKeepsAccountsConsistent() {
        BarSeries bars = RealBars.btcMinutes().view(3000, RealBars.btcMinutes().size());
        BacktestResult r = Backtester.run(bars, source(), config(true));
        assertEquals(bars.size(), r.equity().length);
        assertFalse(r.fills().isEmpty(), "the model traded");
        double fees = 0;
        for (Fill f : r.fills()) {
            fees += f.fee();
        }
        assertTrue(fees > 0 && r.costs() >= fees, "costs include fees");
        // Equity identity: final equity = initial + realised + unrealised - fees.
        double expected = 100_000 + r.portfolio().realisedPnl() + r.portfolio().unrealisedPnl() - r.portfolio().feesPaid();
        assertEquals(expected, r.portfolio().equity(), 1e-6);
        assertTrue(r.count(Decision.Kind.SENT) > 0, "orders were sent");
        assertEquals(bars.size(), r.decisionCounts().values().stream().mapToInt(Integer::intValue).sum());
        for (Decision.Kind k : Decision.Kind.values()) {
            assertEquals(r.decisions().stream().filter(d -> d.kind() == k).count(), r.count(k), k.label());
        }
        long sentOrders = r.decisions().stream().mapToLong(d -> d.orders().size()).sum();
        assertEquals(r.count(Decision.Kind.SENT) + r.count(Decision.Kind.RESIZED), sentOrders);
    }

    /** The bars of {@code bars}, with every bar after index {@code t} replaced by {@code poison}, read lazily. */
    private static Iterator<Bar> poisonedAfter(BarSeries bars, int t, java.util.function.UnaryOperator<Bar> poison) {
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < bars.size();
            }

            @Override
            public Bar next() {
                Bar b = bars.bar(i);
                return i++ <= t ? b : poison.apply(b);
            }
        };
    }

    @Test
    void poisoningBarsAfterTChangesNoDecisionAtOrBeforeT() {
        BarSeries bars = RealBars.btcMinutes().view(3000, 6000);
        int t = 2000;
        BacktestResult clean = Backtester.run(bars, source(), config(true));
        Iterator<Bar> poisoned = poisonedAfter(bars, t, b -> {
            double p = b.close() * 7.5 + b.time() % 1000;
            return new Bar(b.time(), p, p * 1.5, p / 1.5, p * 1.2, b.volume() * 100 + 1);
        });
        BacktestResult dirty = Backtester.run(poisoned, source(), config(true));
        for (int i = 0; i <= t; i++) {
            assertEquals(clean.decisions().get(i), dirty.decisions().get(i), "decision " + i);
            assertEquals(clean.equity()[i], dirty.equity()[i], 0, "equity " + i);
        }
        assertTrue(clean.decisions().stream().limit(t + 1).anyMatch(d -> !d.orders().isEmpty()), "decisions traded before t");

        // NaN poison: bar t+1 cannot even be built; every signal up to t is made before it is read.
        Recording recording = new Recording(source());
        Iterator<Bar> nan = poisonedAfter(bars, t,
                b -> new Bar(b.time(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Backtester.run(nan, recording, config(false)));
        assertEquals(t + 1, recording.seen.size());
        for (int i = 0; i <= t; i++) {
            Optional<Signal> seen = recording.seen.get(i) instanceof SignalResult.Ready r ? Optional.of(r.signal())
                    : Optional.empty();
            Optional<Signal> decided = signalOf(clean.decisions().get(i));
            assertEquals(decided, seen, "signal " + i);
        }
    }

    @Test
    void tradeDrivenBacktestFillsOnlyOnTradesAfterTheDecision() {
        String name = "bitstamp_trades_from_20131125_usd.csv";
        List<dev.sextant.trading.core.Trade> trades = dev.sextant.trading.core.io.TradeCsvReader.readAll(
                BacktesterTest.class.getResourceAsStream("/" + name), name);
        BarSeries bars = RealBars.btcMinutes().view(3000, 4500);
        BacktestResult r = Backtester.run(bars, trades, source(), config(true));
        assertFalse(r.fills().isEmpty(), "the model traded");
        java.util.Map<String, java.time.Instant> decidedAt = new java.util.HashMap<>();
        for (Decision d : r.decisions()) {
            d.orders().forEach(o -> decidedAt.put(o.clientOrderId(), d.time()));
        }
        java.util.Set<Long> tradeTimes = new java.util.HashSet<>();
        trades.forEach(t -> tradeTimes.add(t.time()));
        for (Fill f : r.fills()) {
            java.time.Instant decided = decidedAt.get(f.clientOrderId());
            assertTrue(decided != null && !f.time().isBefore(decided), "fill " + f + " before its decision " + decided);
            assertTrue(tradeTimes.contains(f.time().toEpochMilli()), "fill at a trade's time: " + f);
        }
        double expected = 100_000 + r.portfolio().realisedPnl() + r.portfolio().unrealisedPnl() - r.portfolio().feesPaid();
        assertEquals(expected, r.portfolio().equity(), 1e-6);
    }

    @Test
    void precomputedSignalsReplayThroughTheSamePipeline() {
        BarSeries bars = RealBars.btcMinutes().view(3000, 4000);
        Recording live = new Recording(source());
        BacktestResult a = Backtester.run(bars, live, config(true));
        int n = 0;
        for (SignalResult s : live.seen) {
            if (s instanceof SignalResult.Ready) {
                n++;
            }
        }
        long[] times = new long[n];
        double[] p = new double[3 * n];
        int k = 0;
        for (int i = 0; i < bars.size(); i++) {
            if (live.seen.get(i) instanceof SignalResult.Ready(Signal s)) {
                times[k] = bars.time(i);
                p[3 * k] = s.probabilities().sell();
                p[3 * k + 1] = s.probabilities().hold();
                p[3 * k + 2] = s.probabilities().buy();
                k++;
            }
        }
        BacktestResult b = Backtester.run(bars, new PrecomputedSignals(times, p, "test", "1"), config(true));
        assertEquals(a.fills(), b.fills());
        // The same decisions, except that the model's warm-up bars are bars without a precomputed prediction.
        assertEquals(a.count(Decision.Kind.WARMING_UP), b.count(Decision.Kind.NO_PREDICTION));
        assertEquals(0, b.count(Decision.Kind.WARMING_UP));
        for (int i = 0; i < bars.size(); i++) {
            Decision x = a.decisions().get(i);
            Decision y = b.decisions().get(i);
            if (x instanceof Decision.WarmingUp) {
                assertEquals(new Decision.NoPrediction(x.instrument(), x.time()), y);
            } else {
                assertEquals(x, y, "decision " + i);
            }
        }
        assertEquals(a.portfolio().equity(), b.portfolio().equity(), 1e-9);
    }
}
