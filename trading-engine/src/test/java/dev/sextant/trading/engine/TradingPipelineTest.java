package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.BrokerSession;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.broker.paper.ReplayFeed;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.TimeInForce;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.risk.CircuitBreakerPolicy;
import dev.sextant.trading.risk.KillSwitchTrigger;
import dev.sextant.trading.risk.ModelCircuitBreaker;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.PreTradeCheck;
import dev.sextant.trading.risk.ReasonCode;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import dev.sextant.trading.risk.SizingReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TradingPipelineTest {
    private static final Instrument BTC = BacktesterTest.BTC;
    private static final long T0 = Instant.parse("2024-01-02T00:00:00Z").toEpochMilli();
    private static final long MINUTE = TimeFrame.M1.millis();

    @BeforeAll
    static void train() {
        BacktesterTest.train();
    }

    // ------------------------------------------------------------------ a scripted rig

    /** One answer of the scripted signal source, given the instrument and the bar's close time. */
    @FunctionalInterface
    private interface Step {
        SignalResult answer(Instrument instrument, Instant close);
    }

    /** A signal source that answers from a script, one step per bar, then HOLD. */
    private static final class Scripted implements SignalSource {
        private final Deque<Step> steps = new ArrayDeque<>();

        Scripted(Step... script) {
            steps.addAll(List.of(script));
        }

        @Override
        public SignalResult onBar(Instrument instrument, TimeFrame timeFrame, Bar bar) {
            Instant close = Instant.ofEpochMilli(bar.time() + timeFrame.millis());
            Step s = steps.isEmpty() ? hold() : steps.poll();
            return s.answer(instrument, close);
        }
    }

    private static Signal signal(Instrument i, Instant t, Direction d, double p) {
        double rest = (1 - p) / 2;
        ClassProbabilities probabilities = switch (d) {
            case BUY -> new ClassProbabilities(rest, rest, p);
            case SELL -> new ClassProbabilities(p, rest, rest);
            case HOLD -> new ClassProbabilities(rest, p, rest);
        };
        return new Signal(i, t, d, probabilities, p, "stub", "1");
    }

    private static Step buy() {
        return (i, t) -> SignalResult.of(signal(i, t, Direction.BUY, 0.9));
    }

    private static Step sell() {
        return (i, t) -> SignalResult.of(signal(i, t, Direction.SELL, 0.9));
    }

    private static Step hold() {
        return (i, t) -> SignalResult.of(signal(i, t, Direction.HOLD, 0.8));
    }

    private static Step failing(String message) {
        return (i, t) -> {
            throw new IllegalStateException(message);
        };
    }

    /** A quiet market around 100, one-minute bars from T0. */
    private static Bar bar(int i) {
        double open = 100 + 0.1 * (i % 3);
        return new Bar(T0 + i * MINUTE, open, open + 0.5, open - 0.5, open + 0.05, 1_000);
    }

    /** Pipeline, paper broker and risk engine driven bar by bar as the backtester does. */
    private static final class Rig {
        final SimulatedClock clock = new SimulatedClock(T0);
        final PaperBroker paper = new PaperBroker(PaperBrokerConfig.builder().costModel(CostModel.ofBps(2, 1)).build(), clock);
        double minEdgeBps;
        RiskLimits limits = RiskLimits.defaults();
        PreTradeCheck extraCheck;
        Function<PaperBroker, BrokerConnector> connector = p -> p;
        boolean connect = true;
        ModelCircuitBreaker breaker;
        ClientOrderIds ids;
        BrokerSession session;
        RiskEngine risk;
        TradingPipeline pipeline;
        int next;

        Rig start(SignalSource signals) {
            session = new BrokerSession(connector.apply(paper), clock);
            if (connect) {
                session.connect();
            }
            RiskEngine.Builder rb = RiskEngine.builder().limits(limits).clock(clock).startingCash(100_000);
            if (extraCheck != null) {
                rb.addCheck(extraCheck);
            }
            risk = rb.build();
            TradingPipeline.Builder pb = TradingPipeline.builder().signals(signals).risk(risk)
                    .sizer(new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.05), minEdgeBps, false),
                            CostModel.ofBps(2, 1)))
                    .broker(session).clock(clock).timeFrame(TimeFrame.M1);
            if (breaker != null) {
                pb.circuitBreaker(breaker);
            }
            if (ids != null) {
                pb.clientOrderIds(ids);
            }
            pipeline = pb.build();
            return this;
        }

        Decision step() {
            Bar b = bar(next++);
            clock.advanceTo(b.time() + MINUTE);
            paper.onBar(BTC, b);
            return pipeline.onBar(BTC, b);
        }

        Instant close(int i) {
            return Instant.ofEpochMilli(bar(i).time() + MINUTE);
        }
    }

    // ------------------------------------------------------------------ one test per decision case

    @Test
    void warmingUpSourceGivesWarmingUpStampedAtTheBarsClose() {
        Rig rig = new Rig().start(new Scripted((i, t) -> SignalResult.warmingUp()));
        assertEquals(new Decision.WarmingUp(BTC, rig.close(0)), rig.step());
    }

    @Test
    void barWithoutPredictionGivesNoPrediction() {
        Rig rig = new Rig().start(new Scripted((i, t) -> SignalResult.noPrediction()));
        Decision d = rig.step();
        assertEquals(new Decision.NoPrediction(BTC, rig.close(0)), d);
        assertEquals(Decision.Kind.NO_PREDICTION, d.kind());
        assertTrue(d.orders().isEmpty());
    }

    @Test
    void modelExceptionBecomesModelFailedAndCountsTowardsTheBreaker() {
        Rig rig = new Rig();
        rig.breaker = new ModelCircuitBreaker(CircuitBreakerPolicy.DEFAULTS, rig.clock, null);
        rig.start(new Scripted(failing("onnx session died")));
        Decision d = rig.step();
        Decision.ModelFailed failed = assertInstanceOf(Decision.ModelFailed.class, d);
        assertTrue(failed.error().contains("IllegalStateException") && failed.error().contains("onnx session died"),
                failed.error());
        assertEquals(1, rig.breaker.consecutiveFailures());
        assertTrue(rig.session.blotter().orders().isEmpty());
    }

    @Test
    void signalStampedAtTheBarsOpenIsAModelFailure() {
        Rig rig = new Rig().start(new Scripted((i, t) -> SignalResult.of(signal(i, t.minus(Duration.ofMinutes(1)),
                Direction.BUY, 0.9))));
        Decision.ModelFailed failed = assertInstanceOf(Decision.ModelFailed.class, rig.step());
        assertTrue(failed.error().contains("closes at " + rig.close(0)), failed.error());
    }

    @Test
    void nullFromASignalSourceIsAModelFailure() {
        Rig rig = new Rig().start((i, tf, b) -> null);
        Decision.ModelFailed failed = assertInstanceOf(Decision.ModelFailed.class, rig.step());
        assertTrue(failed.error().contains("null"), failed.error());
    }

    @Test
    void holdSignalGivesHoldAndTradesNothing() {
        Rig rig = new Rig().start(new Scripted(hold()));
        Decision.Hold hold = assertInstanceOf(Decision.Hold.class, rig.step());
        assertEquals(Direction.HOLD, hold.signal().direction());
        assertTrue(rig.session.blotter().orders().isEmpty());
    }

    @Test
    void outOfDistributionBuyIsHeldWithItsDistanceAndTradesNothing() {
        Rig rig = new Rig().start(new Scripted((i, t) -> new SignalResult.OutOfDistribution(signal(i, t, Direction.BUY, 0.9),
                4.5, 3.0), buy()));
        Decision.OutOfDistribution held = assertInstanceOf(Decision.OutOfDistribution.class, rig.step());
        assertEquals(Decision.Kind.OUT_OF_DISTRIBUTION, held.kind());
        assertEquals(Direction.BUY, held.suppressed().direction());
        assertEquals(4.5, held.distance());
        assertEquals(3.0, held.threshold());
        assertTrue(rig.session.blotter().orders().isEmpty());
        assertInstanceOf(Decision.Sent.class, rig.step());
    }

    @Test
    void openCircuitBreakerSuppressesABuyAsCircuitOpen() {
        Rig rig = new Rig();
        rig.breaker = new ModelCircuitBreaker(new CircuitBreakerPolicy(1, Duration.ofMinutes(5), Duration.ofSeconds(10),
                Duration.ofMinutes(30), 0), rig.clock, null);
        rig.start(new Scripted(failing("boom"), buy()));
        assertInstanceOf(Decision.ModelFailed.class, rig.step());
        assertTrue(rig.breaker.isOpen());
        Decision.CircuitOpen open = assertInstanceOf(Decision.CircuitOpen.class, rig.step());
        assertEquals(Direction.BUY, open.suppressed().direction());
        assertTrue(rig.session.blotter().orders().isEmpty());
    }

    @Test
    void edgeBelowTheMinimumSaysSoWithBothFigures() {
        Rig rig = new Rig();
        rig.minEdgeBps = SizingPolicy.DEFAULT_MIN_EDGE_BPS;
        rig.start(new Scripted(buy()));
        Decision.EdgeBelowMinimum held = assertInstanceOf(Decision.EdgeBelowMinimum.class, rig.step());
        assertEquals(20, held.minimumEdgeBps());
        // 0.9 * 10 bps - 0.05 * 10 bps expected move, less about 4 bps of round-trip costs.
        assertTrue(held.edgeBps() > 0 && held.edgeBps() < 20, "edge " + held.edgeBps());
        assertEquals(SizingReason.EDGE_BELOW_MINIMUM, held.sizing().reason());
        assertTrue(rig.session.blotter().orders().isEmpty());
    }

    @Test
    void buyWhileAlreadyAtTargetIsNotSized() {
        Rig rig = new Rig().start(new Scripted(buy(), buy()));
        assertInstanceOf(Decision.Sent.class, rig.step());
        Decision.NotSized d = assertInstanceOf(Decision.NotSized.class, rig.step());
        assertEquals(SizingReason.AT_TARGET, d.reason());
    }

    @Test
    void trippedKillSwitchRejectsWithItsReasonCode() {
        Rig rig = new Rig().start(new Scripted(buy()));
        rig.risk.killSwitch().trip(KillSwitchTrigger.MANUAL, "operator");
        Decision.Rejected rejected = assertInstanceOf(Decision.Rejected.class, rig.step());
        assertEquals(ReasonCode.KILL_SWITCH, rejected.code());
        assertTrue(rig.session.blotter().orders().isEmpty());
        assertTrue(rejected.orders().isEmpty());
    }

    @Test
    void approvedOrderIsSentAndFillsAtTheNextBarsOpen() {
        Rig rig = new Rig().start(new Scripted(buy()));
        Decision.Sent sent = assertInstanceOf(Decision.Sent.class, rig.step());
        OrderRequest order = sent.order();
        assertEquals(List.of(order), sent.orders());
        assertEquals(Side.BUY, order.side());
        assertEquals(Math.abs(sent.sizing().orderQuantity()), order.quantity(), 0);
        assertEquals(OrderStatus.NEW, rig.session.blotter().order(order.clientOrderId()).orElseThrow().status());
        assertTrue(rig.session.blotter().fills().isEmpty(), "no fill on the decision's own bar");

        rig.step();
        List<Fill> fills = rig.session.blotter().fills();
        assertEquals(1, fills.size());
        Fill fill = fills.get(0);
        // Decided at bar 0's close, filled at bar 1's open (which is that close time) plus half the spread.
        assertEquals(sent.time(), fill.time());
        assertEquals(bar(1).open() * (1 + 1e-4), fill.price(), 0.011);
        assertEquals(order.quantity(), rig.risk.headroom(BTC).projectedPosition(), 1e-9);
    }

    @Test
    void orderReducedByACheckIsResizedAndSent() {
        Rig rig = new Rig();
        rig.extraCheck = new PreTradeCheck() {
            @Override
            public String name() {
                return "halve";
            }

            @Override
            public void check(dev.sextant.trading.risk.CheckContext c) {
                c.limitQuantity(BTC.roundQuantity(c.quantity() / 2), ReasonCode.CUSTOM, c.quantity() / 2, c.quantity(),
                        "half of every order");
            }
        };
        rig.start(new Scripted(buy()));
        Decision.Resized resized = assertInstanceOf(Decision.Resized.class, rig.step());
        assertEquals(ReasonCode.CUSTOM, resized.code());
        assertEquals(BTC.roundQuantity(resized.sizing().orderQuantity() / 2), resized.order().quantity(), 1e-12);
        assertEquals(List.of(resized.order()), resized.orders());
        assertTrue(rig.session.blotter().order(resized.order().clientOrderId()).isPresent());
    }

    @Test
    void brokerNotConnectedBecomesBrokerRefusedAndReleasesTheReservation() {
        Rig rig = new Rig();
        rig.connect = false;
        rig.start(new Scripted(buy()));
        Decision.BrokerRefused refused = assertInstanceOf(Decision.BrokerRefused.class, rig.step());
        assertEquals(BrokerException.Code.NOT_CONNECTED, refused.code());
        assertTrue(refused.orders().isEmpty());
        assertEquals(OrderStatus.REJECTED,
                rig.session.blotter().order(refused.order().clientOrderId()).orElseThrow().status());
        assertEquals(0, rig.risk.headroom(BTC).projectedPosition(), 0);
    }

    @Test
    void connectorThrowingAnythingElseBecomesBrokerRefusedWithVenueError() {
        Rig rig = new Rig();
        rig.connector = p -> new FailingSubmit(p, new IllegalStateException("socket closed"));
        rig.start(new Scripted(buy(), buy()));
        Decision.BrokerRefused refused = assertInstanceOf(Decision.BrokerRefused.class, rig.step());
        assertEquals(BrokerException.Code.VENUE_ERROR, refused.code());
        assertTrue(refused.message().contains("socket closed"), refused.message());
        assertEquals(0, rig.risk.headroom(BTC).projectedPosition(), 0, "reservation released");
        // The next bar is decided as usual: nothing escaped.
        assertInstanceOf(Decision.BrokerRefused.class, rig.step());
    }

    @Test
    void brokerExceptionsOnAFeedBecomeDecisionsAndNeverReachTheFeedThread() {
        SimulatedClock clock = new SimulatedClock(T0);
        BarSeries bars = new BarSeries("Q", TimeFrame.M1, 10);
        for (int i = 0; i < 10; i++) {
            Bar b = bar(i);
            bars.append(b.time(), b.open(), b.high(), b.low(), b.close(), b.volume());
        }
        ReplayFeed feed = ReplayFeed.builder().clock(clock).bars(BTC, bars).build();
        PaperBroker paper = new PaperBroker(PaperBrokerConfig.builder().build(), clock);
        BrokerSession session = new BrokerSession(new FailingSubmit(paper, new BrokerException(BrokerException.Code.TIMEOUT,
                "venue did not answer")), clock);
        session.connect();
        TradingPipeline pipeline = TradingPipeline.builder().signals(new Scripted(buy(), sell(), buy())).broker(session)
                .risk(RiskEngine.builder().clock(clock).startingCash(100_000).build())
                .sizer(new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.05), 0, false), CostModel.ZERO))
                .clock(clock).timeFrame(TimeFrame.M1).build();
        List<Decision> decisions = new ArrayList<>();
        pipeline.attach(feed, BTC, TimeFrame.M1, d -> {
            decisions.add(d);
            throw new IllegalStateException("a listener bug");
        });
        feed.connect();
        assertEquals(10, feed.replayAll());
        assertEquals(10, decisions.size());
        Decision.BrokerRefused refused = assertInstanceOf(Decision.BrokerRefused.class, decisions.get(0));
        assertEquals(BrokerException.Code.TIMEOUT, refused.code());
    }

    /**
     * Invariants over random signals and markets: one decision per bar stamped at its close, a
     * decision's signal stamped alike, at most one order per bar with an id never used before,
     * and a sent quantity never above the sizer's proposal.
     */
    @Property(tries = 25)
    void everyBarGivesOneDecisionAndEveryOrderAFreshId(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll boolean allowShort) {
        BarSeries bars = SyntheticBars.ar1(400, -0.2, 0.002, seed);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        int n = bars.size();
        long[] times = new long[n];
        double[] p = new double[3 * n];
        for (int i = 0; i < n; i++) {
            times[i] = bars.time(i);
            double a = rnd.nextDouble();
            double b = rnd.nextDouble() * (1 - a);
            p[3 * i] = a;
            p[3 * i + 1] = b;
            p[3 * i + 2] = 1 - a - b;
        }
        BacktestResult r = Backtester.run(bars, new PrecomputedSignals(times, p, "random", "1"),
                BacktestConfig.builder(BTC, TimeFrame.M1)
                        .sizing(new SizingPolicy(new SizingMethod.FixedFractional(0.05), 0, allowShort))
                        .seed(seed).keepDecisions(true).build());
        assertEquals(n, r.decisions().size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Decision d = r.decisions().get(i);
            assertEquals(Instant.ofEpochMilli(bars.time(i) + MINUTE), d.time());
            BacktesterTest.signalOf(d).ifPresent(signal -> assertEquals(d.time(), signal.time()));
            assertTrue(d.orders().size() <= 1);
            for (OrderRequest o : d.orders()) {
                assertTrue(ids.add(o.clientOrderId()), o.clientOrderId());
            }
            switch (d) {
                case Decision.Sent sent -> assertEquals(Math.abs(sent.sizing().orderQuantity()), sent.order().quantity(), 0);
                case Decision.Resized resized ->
                        assertTrue(resized.order().quantity() < Math.abs(resized.sizing().orderQuantity()));
                case Decision.ModelFailed f -> throw new AssertionError(f.toString());
                default -> {
                }
            }
        }
    }

    // ------------------------------------------------------------------ client order ids

    @Test
    void restartedStrategyNeverReusesAnIdTheVenueRemembers() {
        SimulatedClock clock = new SimulatedClock(T0);
        PaperBroker venue = new PaperBroker(PaperBrokerConfig.builder().build(), clock);
        Set<String> ids = new HashSet<>();
        for (int run = 0; run < 3; run++) {
            // Each run is a fresh process: new session, risk engine and pipeline on the same venue.
            BrokerSession session = new BrokerSession(venue, clock);
            session.connect();
            TradingPipeline pipeline = TradingPipeline.builder().signals(new Scripted(buy(), sell(), buy(), sell()))
                    .broker(session).risk(RiskEngine.builder().clock(clock).startingCash(100_000).build())
                    .sizer(new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.01), 0, false),
                            CostModel.ZERO))
                    .clock(clock).timeFrame(TimeFrame.M1).clientOrderIds(ClientOrderIds.perBar("momentum")).build();
            for (int k = 0; k < 4; k++) {
                Bar b = bar(4 * run + k);
                clock.advanceTo(b.time() + MINUTE);
                venue.onBar(BTC, b);
                Decision d = pipeline.onBar(BTC, b);
                assertFalse(d instanceof Decision.BrokerRefused, "run " + run + " bar " + k + ": " + d);
                d.orders().forEach(o -> assertTrue(ids.add(o.clientOrderId()), "id reused: " + o.clientOrderId()));
            }
            session.close(); // the process ends; the venue keeps the ids it has seen
        }
        assertTrue(ids.size() >= 6, "orders were sent in every run: " + ids);
    }

    @Test
    void perInstanceCounterIdsCollideAfterARestartAndTheCollisionIsADecision() {
        SimulatedClock clock = new SimulatedClock(T0);
        PaperBroker venue = new PaperBroker(PaperBrokerConfig.builder().build(), clock);
        List<Decision> decisions = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            BrokerSession session = new BrokerSession(venue, clock);
            session.connect();
            int[] counter = new int[1];
            // The restarted process learns the first run's position from the venue's fill and sells it.
            TradingPipeline pipeline = TradingPipeline.builder().signals(new Scripted(run == 0 ? buy() : sell()))
                    .broker(session).risk(RiskEngine.builder().clock(clock).startingCash(100_000).build())
                    .sizer(new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.01), 0, false),
                            CostModel.ZERO))
                    .clock(clock).timeFrame(TimeFrame.M1)
                    .clientOrderIds((i, t) -> i.symbol() + "-" + (++counter[0])).build();
            Bar b = bar(run);
            clock.advanceTo(b.time() + MINUTE);
            venue.onBar(BTC, b);
            decisions.add(pipeline.onBar(BTC, b));
            session.close();
        }
        assertInstanceOf(Decision.Sent.class, decisions.get(0));
        Decision.BrokerRefused refused = assertInstanceOf(Decision.BrokerRefused.class, decisions.get(1), decisions.toString());
        assertEquals(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID, refused.code());
    }

    @Test
    void defaultIdsNameStrategyInstrumentAndCloseTime() {
        Rig rig = new Rig().start(new Scripted(buy()));
        Decision.Sent sent = assertInstanceOf(Decision.Sent.class, rig.step());
        assertEquals("sx-BTCUSD-" + rig.close(0).getEpochSecond(), sent.order().clientOrderId());
    }

    // ------------------------------------------------------------------ settings

    @Test
    void sizingWindowsAreSettings() {
        TradingPipeline.Builder b = TradingPipeline.builder();
        assertThrows(IllegalArgumentException.class, () -> b.atrPeriod(0));
        assertThrows(IllegalArgumentException.class, () -> b.volatilityWindow(1));
        // A short volatility window defines the rolling volatility sooner, which changes the sizer's inputs.
        List<Double> edges = new ArrayList<>();
        for (int window : new int[] {5, 60}) {
            SimulatedClock clock = new SimulatedClock(T0);
            PaperBroker paper = new PaperBroker(PaperBrokerConfig.builder().build(), clock);
            BrokerSession session = new BrokerSession(paper, clock);
            session.connect();
            Step[] script = new Step[10];
            for (int k = 0; k < 9; k++) {
                script[k] = hold();
            }
            script[9] = buy();
            TradingPipeline pipeline = TradingPipeline.builder().signals(new Scripted(script)).broker(session)
                    .risk(RiskEngine.builder().clock(clock).startingCash(100_000).build())
                    .sizer(new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.05), 1_000, false),
                            CostModel.ZERO))
                    .clock(clock).timeFrame(TimeFrame.M1).expectedMove(1e-6).volatilityWindow(window).atrPeriod(3).build();
            Decision last = null;
            for (int k = 0; k < 10; k++) {
                Bar bar = bar(k);
                clock.advanceTo(bar.time() + MINUTE);
                last = pipeline.onBar(BTC, bar);
            }
            edges.add(assertInstanceOf(Decision.EdgeBelowMinimum.class, last).edgeBps());
        }
        assertNotEquals(edges.get(0), edges.get(1), 1e-9);
    }

    // ------------------------------------------------------------------ live wiring

    private record Live(TradingPipeline pipeline, PaperBroker paper, ReplayFeed feed, List<Decision> decisions) {
    }

    /** How the paper broker is wired to the feed in a live test. */
    private enum PaperWiring { NOT_SUBSCRIBED, SUBSCRIBED_BEFORE, SUBSCRIBED_AFTER }

    private static Live live(BacktestConfig cfg, List<Instrument> instruments, List<BarSeries> series, PaperWiring wiring) {
        SimulatedClock clock = new SimulatedClock(series.get(0).time(0));
        ReplayFeed.Builder fb = ReplayFeed.builder().clock(clock);
        for (int i = 0; i < instruments.size(); i++) {
            fb.bars(instruments.get(i), series.get(i));
        }
        ReplayFeed feed = fb.build();
        PaperBroker paper = new PaperBroker(PaperBrokerConfig.builder().initialCash(cfg.initialCash()).costModel(cfg.costs())
                .seed(cfg.seed()).build(), clock);
        BrokerSession session = new BrokerSession(paper, clock);
        session.connect();
        RiskEngine risk = RiskEngine.builder().limits(cfg.limits()).clock(clock).startingCash(cfg.initialCash()).build();
        TradingPipeline pipeline = TradingPipeline.builder()
                .signals(new ModelSignalSource(BacktesterTest.SPEC, new NonClosing(BacktesterTest.model), "test", "1"))
                .risk(risk).sizer(new PositionSizer(cfg.sizing(), cfg.costs())).broker(session).clock(clock)
                .timeFrame(TimeFrame.M1).expectedMove(cfg.expectedMove()).build();
        List<Decision> decisions = new ArrayList<>();
        feed.connect();
        for (Instrument instrument : instruments) {
            if (wiring == PaperWiring.SUBSCRIBED_BEFORE) {
                feed.subscribeBars(instrument, TimeFrame.M1, paper::onBar);
            }
            pipeline.attach(feed, instrument, TimeFrame.M1, decisions::add);
            if (wiring == PaperWiring.SUBSCRIBED_AFTER) {
                feed.subscribeBars(instrument, TimeFrame.M1, paper::onBar);
            }
        }
        return new Live(pipeline, paper, feed, decisions);
    }

    @Test
    void liveWiringOnAFeedDecidesExactlyAsTheBacktest() {
        BarSeries bars = RealBars.btcMinutes().view(3000, 4500);
        BacktestConfig cfg = BacktesterTest.config(true);
        BacktestResult backtest = Backtester.run(bars, new ModelSignalSource(BacktesterTest.SPEC,
                new NonClosing(BacktesterTest.model), "test", "1"), cfg);
        assertTrue(backtest.count(Decision.Kind.SENT) > 0);
        Live live = live(cfg, List.of(cfg.instrument()), List.of(bars), PaperWiring.NOT_SUBSCRIBED);
        live.feed().replayAll();
        assertEquals(backtest.decisions(), live.decisions());
        assertEquals(backtest.portfolio().equity(),
                live.paper().portfolio().mark(cfg.instrument(), bars.close(bars.size() - 1)).equity(), 1e-9);
    }

    @Test
    void attachGivesTheSameDecisionsWhereverThePaperBrokerIsSubscribed() {
        BarSeries bars = RealBars.btcMinutes().view(3000, 4000);
        BacktestConfig cfg = BacktesterTest.config(true);
        BacktestResult backtest = Backtester.run(bars, new ModelSignalSource(BacktesterTest.SPEC,
                new NonClosing(BacktesterTest.model), "test", "1"), cfg);
        for (PaperWiring wiring : PaperWiring.values()) {
            Live live = live(cfg, List.of(cfg.instrument()), List.of(bars), wiring);
            live.feed().replayAll();
            assertEquals(backtest.decisions(), live.decisions(), wiring.name());
            assertEquals(backtest.portfolio().equity(),
                    live.paper().portfolio().mark(cfg.instrument(), bars.close(bars.size() - 1)).equity(), 1e-9, wiring.name());
        }
    }

    @Test
    void runsSeveralInstrumentsIndependentlyAndKillSwitchCancelsWorkingOrders() {
        Instrument btc = BacktesterTest.BTC;
        Instrument synthetic = Instrument.crypto("SYN/USD", "PAPER", "USD");
        BarSeries real = RealBars.btcMinutes().view(3000, 3600);
        BarSeries ar = SyntheticBars.ar1(600, -0.25, 0.001, 3);
        // Align the synthetic bars onto the real bars' times.
        BarSeries shifted = new BarSeries("SYN", TimeFrame.M1, 600);
        for (int i = 0; i < 600; i++) {
            shifted.append(real.time(i), ar.open(i), ar.high(i), ar.low(i), ar.close(i), ar.volume(i));
        }
        Live live = live(BacktesterTest.config(true), List.of(btc, synthetic), List.of(real, shifted),
                PaperWiring.NOT_SUBSCRIBED);
        live.feed().replayAll();
        assertEquals(1200, live.decisions().size());
        assertTrue(live.decisions().stream().anyMatch(d -> d.instrument().equals(btc) && !d.orders().isEmpty()));
        assertTrue(live.decisions().stream().anyMatch(d -> d.instrument().equals(synthetic)
                && BacktesterTest.signalOf(d).isPresent()));

        // A resting order, then a manual kill: the working order is cancelled through the broker.
        live.pipeline().broker().submit(OrderRequest.limit("resting-1", btc, Side.BUY, 0.01, 1.00, TimeInForce.GTC));
        assertTrue(live.pipeline().broker().connector().openOrders().stream().anyMatch(o -> o.clientOrderId().equals("resting-1")));
        live.pipeline().risk().killSwitch().trip(KillSwitchTrigger.MANUAL, "operator");
        assertTrue(live.pipeline().broker().connector().openOrders().isEmpty(), "kill switch cancelled working orders");
        assertTrue(live.pipeline().risk().killSwitch().isTripped());
    }

    /** A connector that forwards everything to a paper broker but throws {@code failure} on submit. */
    private static final class FailingSubmit implements BrokerConnector {
        private final PaperBroker inner;
        private final RuntimeException failure;

        FailingSubmit(PaperBroker inner, RuntimeException failure) {
            this.inner = inner;
            this.failure = failure;
        }

        @Override
        public String venue() {
            return inner.venue();
        }

        @Override
        public void addListener(BrokerListener listener) {
            inner.addListener(listener);
        }

        @Override
        public void removeListener(BrokerListener listener) {
            inner.removeListener(listener);
        }

        @Override
        public void connect() {
            inner.connect();
        }

        @Override
        public void disconnect() {
            inner.disconnect();
        }

        @Override
        public ConnectionState connectionState() {
            return inner.connectionState();
        }

        @Override
        public void submit(OrderRequest request) {
            throw failure;
        }

        @Override
        public void cancel(String clientOrderId) {
            inner.cancel(clientOrderId);
        }

        @Override
        public void replace(String clientOrderId, OrderRequest replacement) {
            inner.replace(clientOrderId, replacement);
        }

        @Override
        public List<Order> openOrders() {
            return inner.openOrders();
        }

        @Override
        public List<Position> positions() {
            return inner.positions();
        }

        @Override
        public AccountSnapshot account() {
            return inner.account();
        }
    }
}
