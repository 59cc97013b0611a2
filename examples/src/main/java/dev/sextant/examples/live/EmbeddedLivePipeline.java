package dev.sextant.examples.live;

import dev.sextant.trading.broker.BrokerSession;
import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.broker.paper.ReplayFeed;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.TradeAggregator;
import dev.sextant.trading.core.io.TradeCsvReader;
import dev.sextant.trading.engine.ClientOrderIds;
import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.TradingPipeline;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.Labels;
import dev.sextant.trading.risk.KillSwitchTrigger;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.ReasonCode;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Example 2, embedding live: a {@link TradingPipeline} attached to a market-data feed and a broker
 * connector, a listener receiving every {@link Decision}, and the kill switch tripped and re-armed
 * by an operator while the feed runs.
 *
 * <p>The feed is a {@link ReplayFeed} of real Bitstamp BTC/USD minute bars and the connector a
 * {@link PaperBroker}; in production they are your venue's feed and {@code BrokerConnector}, and the
 * clock is the system clock. Nothing else changes.
 *
 * <pre>java -cp examples/target/sextant.jar dev.sextant.examples.live.EmbeddedLivePipeline [trades.csv]</pre>
 */
public final class EmbeddedLivePipeline {
    static final Path TRADES = Path.of("target", "data", "bitstamp_trades_from_20131125_usd.csv");
    private static final int TRAINING_BARS = 3_000;

    private EmbeddedLivePipeline() {
    }

    /** Runs the example on {@code args[0]} or the trades the build unpacked to target/data. */
    public static void main(String[] args) {
        run(args.length > 0 ? Path.of(args[0]) : TRADES, System.out);
    }

    /** Runs the example on a Bitstamp trades CSV, printing what happens to {@code out}. */
    public static void run(Path trades, PrintStream out) {
        Instrument btc = Instrument.crypto("BTC/USD", "PAPER", "USD");
        BarSeries bars;
        try (TradeCsvReader reader = TradeCsvReader.open(trades)) {
            bars = TradeAggregator.aggregate(reader, TimeFrame.M1, "BTC/USD");
        }
        FeatureSpec spec = FeatureSpec.standard24();
        Model model = trainLogistic(bars.view(0, TRAINING_BARS), spec);
        BarSeries live = bars.view(TRAINING_BARS, bars.size());

        // The wiring: clock, feed, broker connector, risk engine, pipeline.
        SimulatedClock clock = new SimulatedClock(live.time(0));
        ReplayFeed feed = ReplayFeed.builder().clock(clock).bars(btc, live).build();
        CostModel costs = CostModel.ofBps(2, 1);
        BrokerSession broker = new BrokerSession(new PaperBroker(PaperBrokerConfig.builder().costModel(costs).build(), clock),
                clock);
        RiskEngine risk = RiskEngine.builder().limits(RiskLimits.defaults()).clock(clock).startingCash(100_000).build();
        ModelSignalSource signals = new ModelSignalSource(spec, model, "btc-logistic", "1");
        TradingPipeline pipeline = TradingPipeline.builder().signals(signals)
                .sizer(new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.05), 0, true), costs))
                .risk(risk).broker(broker).clock(clock).timeFrame(TimeFrame.M1)
                .clientOrderIds(ClientOrderIds.perBar("example-live"))
                .build();

        // The listener: every closed bar gives exactly one decision; switch over the cases you care about.
        Map<Decision.Kind, Integer> counts = new EnumMap<>(Decision.Kind.class);
        int[] killSwitchHeld = new int[1];
        int[] sentAfterRearm = new int[1];
        boolean[] rearmed = new boolean[1];
        List<String> log = new ArrayList<>();
        broker.connect();
        feed.connect();
        pipeline.attach(feed, btc, TimeFrame.M1, decision -> {
            counts.merge(decision.kind(), 1, Integer::sum);
            switch (decision) {
                case Decision.Sent s when rearmed[0] -> sentAfterRearm[0]++;
                case Decision.Rejected r when r.code() == ReasonCode.KILL_SWITCH -> killSwitchHeld[0]++;
                case Decision.ModelFailed f -> log.add(f.time() + " model failed: " + f.error());
                case Decision.BrokerRefused b -> log.add(b.time() + " broker refused " + b.order().clientOrderId() + ": " + b.code());
                default -> {
                }
            }
        });

        // Run the feed; an operator halts trading for two hours, then re-arms the switch.
        int tripAt = live.size() / 2;
        for (int bar = 0; feed.step(); bar++) {
            if (bar == tripAt) {
                risk.killSwitch().trip(KillSwitchTrigger.MANUAL, "operator halt");
                out.printf(Locale.ROOT, "%s kill switch tripped; working orders: %d%n", clock.now(), broker.connector().openOrders().size());
            } else if (bar == tripAt + 120) {
                risk.killSwitch().rearm("operator");
                rearmed[0] = true;
                out.printf(Locale.ROOT, "%s kill switch re-armed after %d risk-increasing signals were rejected%n", clock.now(),
                        killSwitchHeld[0]);
            }
        }
        feed.close();
        broker.close();
        signals.close();
        log.forEach(out::println);
        out.printf(Locale.ROOT, "decisions %s; %d sent after re-arm; %d fills; equity %.2f%n", counts, sentAfterRearm[0],
                broker.blotter().fills().size(), risk.equity());
    }

    /**
     * A logistic model on standard-24 features, labelled by the next bar's return: BUY or SELL
     * beyond a quarter of the rolling one-bar volatility, HOLD within.
     */
    private static Model trainLogistic(BarSeries bars, FeatureSpec spec) {
        double[][] x = FeatureEngine.create(spec).compute(bars);
        Labels labels = new FixedHorizonLabeler(1, 0.25, 60).label(bars);
        List<float[]> rows = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            float[] row = new float[spec.size()];
            boolean defined = labels.isDefined(i);
            for (int j = 0; j < row.length && defined; j++) {
                defined = Double.isFinite(x[i][j]);
                row[j] = (float) x[i][j];
            }
            if (defined) {
                rows.add(row);
                ys.add(labels.label(i));
            }
        }
        return Models.trainer("logistic").train(TrainingSet.of(rows.toArray(new float[0][]),
                ys.stream().mapToInt(Integer::intValue).toArray()), Map.of("id", "btc-logistic"));
    }
}
