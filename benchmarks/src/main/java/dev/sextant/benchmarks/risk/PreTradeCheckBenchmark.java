package dev.sextant.benchmarks.risk;

import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.TimeInForce;
import dev.sextant.trading.risk.KillSwitchTrigger;
import dev.sextant.trading.risk.Outcome;
import dev.sextant.trading.risk.RiskDecision;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.RiskResult;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full pre-trade check chain of {@link RiskEngine} (19 built-in checks) on a book of 40
 * equities, each holding a 0.5% position with 250 days of return history (historical VaR),
 * in 4 sectors with sector and asset-class limits, so that every check computes.
 *
 * <ul>
 *   <li>{@code approveAndRelease}: one order through the whole chain, approved unchanged into a
 *       caller-owned {@link RiskResult}, then released (as a cancel would) so that the state is
 *       the same for every operation. This is the approve path; it must not allocate.</li>
 *   <li>{@code approveAndReleaseAsRecord}: the same through {@link RiskEngine#check(OrderRequest)},
 *       which allocates the immutable {@link RiskDecision}.</li>
 *   <li>{@code rejectByKillSwitch}: a risk-increasing order while the kill switch is tripped
 *       (rejected at the third check; builds the explanation).</li>
 *   <li>{@code mark}: one price update (revaluation, high-water mark, loss triggers).</li>
 * </ul>
 * The engine clock advances 1 ms per operation; orders cycle over instruments, sides and 16
 * quantities (half limit orders at the mark, half market) so that the duplicate-order guard, the
 * rate throttle and the repeat throttle are evaluated but do not bind. Their windows are widened
 * for that reason (see {@link #limits()}); the cost of a check does not depend on the window.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class PreTradeCheckBenchmark {
    static final int INSTRUMENTS = 40;
    static final int QUANTITIES = 16;
    static final double EQUITY = 10_000_000;

    /** A clock the benchmark moves by hand. */
    static final class ManualClock implements Clock {
        long now = Instant.parse("2024-01-02T14:00:00Z").toEpochMilli();

        @Override
        public long millis() {
            return now;
        }
    }

    private ManualClock clock;
    private RiskEngine engine;
    private RiskEngine tripped;
    private Instrument[] instruments;
    private OrderRequest[] orders;
    private OrderRequest[] increasing;
    private final RiskResult result = new RiskResult();
    private int next;
    private double tick;

    static RiskLimits limits() {
        RiskLimits.Builder b = RiskLimits.builder()
                .maxConcurrentPositions(60)
                .orderRate(5_000, 1_000)
                .repeatedOrders(1_000, 10_000)
                .maxMarkAgeMillis(30L * TimeFrame.MILLIS_PER_DAY)
                .maxAssetClassFraction(AssetClass.EQUITY, 0.9)
                .maxGrossExposure(5e6);
        for (int s = 0; s < 4; s++) {
            b.maxSectorFraction("sector-" + s, 0.3);
        }
        for (int i = 0; i < INSTRUMENTS; i++) {
            b.sector("S" + i, "sector-" + (i % 4));
        }
        return b.build();
    }

    private RiskEngine build() {
        RiskEngine e = RiskEngine.builder().limits(limits()).clock(clock).startingCash(EQUITY).build();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < INSTRUMENTS; i++) {
            Instrument ins = instruments[i];
            e.onMark(ins, 100, clock.now);
            double[] returns = new double[250];
            for (int t = 0; t < returns.length; t++) {
                returns[t] = 0.015 * random.nextGaussian();
            }
            e.seedReturns(ins, returns);
            OrderRequest entry = OrderRequest.market("entry-" + i, ins, i % 2 == 0 ? Side.BUY : Side.SELL, 500,
                    TimeInForce.DAY);
            RiskDecision d = e.check(entry);
            if (d.outcome() != Outcome.APPROVED) {
                throw new IllegalStateException("setup order not approved: " + d);
            }
            e.onFill(new Fill("fill-" + i, entry.clientOrderId(), ins, entry.side(), 500, 100, 0, clock.now()));
            clock.now += 1;
        }
        return e;
    }

    @Setup(Level.Trial)
    public void setUp() {
        clock = new ManualClock();
        instruments = new Instrument[INSTRUMENTS];
        for (int i = 0; i < INSTRUMENTS; i++) {
            instruments[i] = Instrument.equity("S" + i, "XBEN");
        }
        orders = new OrderRequest[INSTRUMENTS * 2 * QUANTITIES];
        int k = 0;
        for (int q = 0; q < QUANTITIES; q++) {
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < INSTRUMENTS; i++) {
                    Side side = s == 0 ? Side.BUY : Side.SELL;
                    String id = "bench-" + k;
                    orders[k++] = (k % 2 == 0)
                            ? OrderRequest.market(id, instruments[i], side, 10 + q, TimeInForce.DAY)
                            : OrderRequest.limit(id, instruments[i], side, 10 + q, 100, TimeInForce.DAY);
                }
            }
        }
        // Orders on the side of the existing position (buy the longs, sell the shorts) add risk.
        increasing = java.util.Arrays.stream(orders)
                .filter(o -> (Integer.parseInt(o.instrument().symbol().substring(1)) % 2 == 0) == (o.side() == Side.BUY))
                .toArray(OrderRequest[]::new);
        engine = build();
        tripped = build();
        tripped.killSwitch().trip(KillSwitchTrigger.MANUAL, "benchmark");
        // Verify once that the measured path is the approve path, not a rejection.
        OrderRequest probe = orders[0];
        clock.now += 1_000;
        if (engine.check(probe, result) != Outcome.APPROVED) {
            throw new IllegalStateException("benchmark order not approved: " + result);
        }
        engine.releaseOrder(probe.clientOrderId());
    }

    private OrderRequest nextOrder() {
        OrderRequest o = orders[next];
        next = next + 1 == orders.length ? 0 : next + 1;
        clock.now += 1;
        return o;
    }

    @Benchmark
    public Outcome approveAndRelease() {
        OrderRequest o = nextOrder();
        Outcome outcome = engine.check(o, result);
        engine.releaseOrder(o.clientOrderId());
        return outcome;
    }

    @Benchmark
    public RiskDecision approveAndReleaseAsRecord() {
        OrderRequest o = nextOrder();
        RiskDecision d = engine.check(o);
        engine.releaseOrder(o.clientOrderId());
        return d;
    }

    @Benchmark
    public Outcome rejectByKillSwitch() {
        OrderRequest o = increasing[next % increasing.length];
        next = next + 1 == orders.length ? 0 : next + 1;
        clock.now += 1;
        return tripped.check(o, result);
    }

    @Benchmark
    public double mark() {
        int i = next;
        next = next + 1 == orders.length ? 0 : next + 1;
        clock.now += 1;
        tick = tick == 0 ? 0.01 : 0;
        engine.onMark(instruments[i % INSTRUMENTS], 100 + tick, clock.now);
        return tick;
    }
}
