package dev.sextant.trading.metrics;

import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.live.Journal;
import dev.sextant.trading.live.JournalStores;
import dev.sextant.trading.live.ReplayBarFeed;
import dev.sextant.trading.live.TradingSession;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A paper session on synthetic bars with metrics served over HTTP, for the metrics tests. */
final class MetricsRig implements AutoCloseable {
    static final Instrument BTC = Instrument.crypto("BTC/USD", "PAPER", "USD");

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final SessionMetrics metrics;
    final TradingSession session;
    final PrometheusEndpoint endpoint;

    MetricsRig(Path journal, int bars) {
        BarSeries series = SyntheticBars.randomWalk(bars, 0.01, 5);
        TimeFrame tf = series.timeFrame();
        SimulatedClock clock = new SimulatedClock(series.bar(0).time());
        CostModel costs = CostModel.ofBps(2, 1);
        PaperBroker paper = new PaperBroker(PaperBrokerConfig.builder().costModel(costs).build(), clock);
        RiskEngine risk = RiskEngine.builder().limits(RiskLimits.defaults()).clock(clock).startingCash(100_000).build();
        metrics = new SessionMetrics(risk, false);
        metrics.bindTo(registry);
        session = TradingSession.builder().journal(Journal.open(JournalStores.sqlite(journal))).clock(clock).timeFrame(tf)
                .instrument(BTC).signals((instrument, frame, bar) -> flipFlop(instrument, frame, bar)).risk(risk)
                .sizer(new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.2), 0, true), costs))
                .paperVenue(paper).observer(metrics).build();
        endpoint = PrometheusEndpoint.start(registry, new InetSocketAddress("127.0.0.1", 0));
        List<Bar> list = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            list.add(series.bar(i));
        }
        ReplayBarFeed feed = new ReplayBarFeed(BTC, tf, list, ReplayBarFeed.MAX_SPEED);
        session.start(feed);
        feed.deliver(Integer.MAX_VALUE);
    }

    /** BUY on even bars, SELL on odd ones: a signal that trades every bar. */
    private static SignalResult flipFlop(Instrument instrument, TimeFrame frame, Bar bar) {
        boolean buy = (bar.time() / frame.millis()) % 2 == 0;
        ClassProbabilities p = buy ? new ClassProbabilities(0.1, 0.1, 0.8) : new ClassProbabilities(0.8, 0.1, 0.1);
        return SignalResult.of(new Signal(instrument, Instant.ofEpochMilli(bar.time() + frame.millis()),
                buy ? Direction.BUY : Direction.SELL, p, 0.8, "flip-flop", "1"));
    }

    /** The body of {@code GET path}, over a real loopback HTTP connection. */
    String get(String path) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + endpoint.port() + path).toURL()
                .openConnection();
        try (var in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    /** The value of the first sample line starting with {@code prefix}, or NaN. */
    static double sample(String scrape, String prefix) {
        return scrape.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(Double.NaN);
    }

    @Override
    public void close() {
        endpoint.close();
        session.close();
        metrics.close();
    }
}
