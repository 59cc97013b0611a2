package dev.sextant.benchmarks.broker;

import dev.sextant.trading.broker.Blotter;
import dev.sextant.trading.broker.BrokerSession;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeInForce;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Order-path throughput of the broker module, in operations per second:
 * <ul>
 *   <li>{@code blotterOrderLifecycle}: one order through the {@link Blotter} (submitted,
 *       accepted, partially filled, filled: four state-machine steps);</li>
 *   <li>{@code paperBarWithRestingOrders}: one bar through the {@link PaperBroker} with
 *       {@code restingOrders} working limit orders that the bar does not reach (the matching
 *       loop of a backtest);</li>
 *   <li>{@code paperMarketOrderRoundTrip}: a market order submitted through a
 *       {@link BrokerSession} and filled by the next bar (submit, accept, match, fill, blotter).</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar BrokerBenchmark -rf json}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class BrokerBenchmark {
    private static final Instrument AAPL = Instrument.equity("AAPL", "XNAS");
    private static final long T0 = 1_704_204_000_000L;
    private static final long MINUTE = 60_000L;

    @Param({"10"})
    public int restingOrders;

    private Blotter blotter;
    private long orders;
    private Instant now;

    private SimulatedClock clock;
    private PaperBroker paper;
    private BrokerSession session;
    private long barTime;

    @Setup(Level.Iteration)
    public void setUp() {
        blotter = new Blotter();
        now = Instant.ofEpochMilli(T0);
        clock = new SimulatedClock(T0);
        paper = new PaperBroker(PaperBrokerConfig.builder().initialCash(1e12).build(), clock);
        session = new BrokerSession(paper, clock);
        session.connect();
        barTime = T0;
        paper.onBar(AAPL, new Bar(barTime, 100, 101, 99, 100, 1e9));
        for (int i = 0; i < restingOrders; i++) {
            session.submit(OrderRequest.limit("rest-" + i, AAPL, Side.BUY, 10, 50 + i, TimeInForce.GTC));
        }
    }

    @Benchmark
    public Order blotterOrderLifecycle() {
        String id = "o" + (++orders);
        blotter.submitted(OrderRequest.market(id, AAPL, Side.BUY, 10, TimeInForce.DAY), now);
        blotter.onOrderEvent(new OrderEvent.Accepted(id, "V" + id, now));
        blotter.onOrderEvent(new OrderEvent.PartiallyFilled(new Fill("a" + id, id, AAPL, Side.BUY, 4, 100, 0, now)));
        blotter.onOrderEvent(new OrderEvent.Filled(new Fill("b" + id, id, AAPL, Side.BUY, 6, 100, 0, now)));
        return blotter.order(id).orElseThrow();
    }

    @Benchmark
    public void paperBarWithRestingOrders() {
        barTime += MINUTE;
        paper.onBar(AAPL, new Bar(barTime, 100, 101, 99, 100, 1e6));
    }

    @Benchmark
    public Order paperMarketOrderRoundTrip() {
        barTime += MINUTE;
        clock.advanceTo(barTime);
        String id = "m" + (++orders);
        session.submit(OrderRequest.market(id, AAPL, (orders & 1) == 0 ? Side.BUY : Side.SELL, 10, TimeInForce.GTC));
        paper.onBar(AAPL, new Bar(barTime, 100, 101, 99, 100, 1e6));
        return session.blotter().order(id).orElseThrow();
    }
}
