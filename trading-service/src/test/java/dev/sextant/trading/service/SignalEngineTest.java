package dev.sextant.trading.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.risk.RiskLimits;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignalEngineTest {
    private static ModelBundle bundle;
    private static SignalEngine engine;

    @BeforeAll
    static void load() {
        bundle = ModelBundle.load(ServiceRig.bundle());
        engine = SignalEngine.builder(bundle).build();
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    private static List<Bar> last(int n, int endExclusive) {
        List<Bar> bars = new ArrayList<>();
        for (int i = endExclusive - n; i < endExclusive; i++) {
            bars.add(ServiceRig.BARS.bar(i));
        }
        return bars;
    }

    @Test
    void theWarmUpIsTheFeatureWarmUpPlusTheModelWindow() {
        assertEquals(FeatureEngine.create(bundle.manifest().featureSpec()).warmUp() + 1, engine.warmUpBars());
        assertThrows(InvalidRequestException.class, () -> engine.signal("BTC/USD", last(engine.warmUpBars() - 1, 1_000)));
        engine.signal("BTC/USD", last(engine.warmUpBars(), 1_000));
    }

    /** The signal is the one a streaming ModelSignalSource produces on the same bars: one code path. */
    @Property(tries = 20)
    void theSignalIsTheStreamingSourcesSignalForTheLastBar(@ForAll @IntRange(min = 0, max = 200) int extra,
            @ForAll @IntRange(min = 400, max = 1_500) int end) {
        List<Bar> bars = last(engine.warmUpBars() + extra, end);
        Instrument btc = Instrument.crypto("BTC/USD", "SERVICE", "USD");
        SignalResult r = null;
        SignalResponse s = engine.signal("BTC/USD", bars);
        ModelSignalSource direct = new ModelSignalSource(bundle.manifest().featureSpec(), new Unclosed(bundle.model()), "svc",
                "1");
        for (Bar b : bars) {
            r = direct.onBar(btc, ServiceRig.BARS.timeFrame(), b);
        }
        var expected = ((SignalResult.Ready) r).signal();
        assertEquals(expected.direction(), s.direction());
        assertEquals(expected.probabilities(), s.probabilities());
        assertEquals(expected.confidence(), s.confidence());
        assertEquals(expected.time(), s.timestamp());
    }

    /** Does not close the shared model. */
    private record Unclosed(dev.sextant.trading.models.Model inner) implements dev.sextant.trading.models.Model {
        @Override
        public dev.sextant.trading.models.ModelMetadata metadata() {
            return inner.metadata();
        }

        @Override
        public double predict(float[] input, double[] probabilities) {
            return inner.predict(input, probabilities);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theMaxRiskIsTheStopDistanceTimesTheSuggestedSize() {
        for (int end = 400; end < 1_500; end += 37) {
            SignalResponse s = engine.signal("BTC/USD", last(engine.warmUpBars() + 60, end));
            Bar lastBar = ServiceRig.BARS.bar(end - 1);
            assertEquals(s.maxRisk().stopFraction() * lastBar.close(), s.maxRisk().stopDistance(), 1e-9);
            assertEquals(Math.abs(s.suggestedSize()) * s.maxRisk().stopDistance(), s.maxRisk().loss(), 1e-9);
            assertTrue(s.maxRisk().stopFraction() >= 0.001, "at least the minimum expected move");
            if (s.suggestedSize() > 0) {
                assertEquals(Direction.BUY, s.direction());
                assertEquals(lastBar.close() - s.maxRisk().stopDistance(), s.maxRisk().stopPrice().orElseThrow(), 1e-9);
            } else if (s.suggestedSize() < 0) {
                assertEquals(Direction.SELL, s.direction());
                assertEquals(lastBar.close() + s.maxRisk().stopDistance(), s.maxRisk().stopPrice().orElseThrow(), 1e-9);
            } else {
                assertTrue(s.maxRisk().stopPrice().isEmpty());
            }
        }
    }

    @Test
    void theSuggestedSizeIsCappedByTheLimitsHeadroom() {
        SignalEngine tight = SignalEngine.builder(bundle).limits(RiskLimits.builder().maxPositionFraction(0.01).build())
                .instruments(s -> Instrument.crypto(s, "SERVICE", "USD")).build();
        for (int end = 400; end < 1_500; end += 53) {
            SignalResponse s = tight.signal("BTC/USD", last(tight.warmUpBars() + 60, end));
            double notional = Math.abs(s.suggestedSize()) * ServiceRig.BARS.bar(end - 1).close();
            assertTrue(notional <= 0.01 * 100_000 * 1.000001, "notional " + notional);
        }
    }

    @Test
    void aBlankSymbolOrAnUnusableOneIsRefusedNamingTheSymbol() {
        assertEquals("symbol", assertThrows(InvalidRequestException.class, () -> engine.signal(" ", last(300, 1_000)))
                .field());
        SignalEngine picky = SignalEngine.builder(bundle).instruments(s -> {
            throw new IllegalArgumentException("unknown instrument " + s);
        }).build();
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> picky.signal("ZZZ", last(300, 1_000)));
        assertEquals("symbol", e.field());
        assertTrue(e.getMessage().contains("unknown instrument ZZZ"));
    }
}
