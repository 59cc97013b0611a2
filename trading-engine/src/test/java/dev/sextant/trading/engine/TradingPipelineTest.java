package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerSession;
import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.broker.paper.ReplayFeed;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.risk.KillSwitchTrigger;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TradingPipelineTest {

    @BeforeAll
    static void train() {
        BacktesterTest.train();
    }

    private record Live(TradingPipeline pipeline, PaperBroker paper, ReplayFeed feed, List<Decision> decisions) {
    }

    private static Live live(BacktestConfig cfg, List<Instrument> instruments, List<BarSeries> series) {
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
            feed.subscribeBars(instrument, TimeFrame.M1, paper::onBar);
            pipeline.attach(feed, instrument, TimeFrame.M1, decisions::add);
        }
        return new Live(pipeline, paper, feed, decisions);
    }

    @Test
    void liveWiringOnAFeedDecidesExactlyAsTheBacktest() {
        BarSeries bars = RealBars.btcMinutes().view(3000, 4500);
        BacktestConfig cfg = BacktesterTest.config(true);
        BacktestResult backtest = Backtester.run(bars, new ModelSignalSource(BacktesterTest.SPEC,
                new NonClosing(BacktesterTest.model), "test", "1"), cfg);
        Live live = live(cfg, List.of(cfg.instrument()), List.of(bars));
        live.feed().replayAll();
        assertEquals(backtest.decisions(), live.decisions());
        assertEquals(backtest.portfolio().equity(),
                live.paper().portfolio().mark(cfg.instrument(), bars.close(bars.size() - 1)).equity(), 1e-9);
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
        Live live = live(BacktesterTest.config(true), List.of(btc, synthetic), List.of(real, shifted));
        live.feed().replayAll();
        assertEquals(1200, live.decisions().size());
        assertTrue(live.decisions().stream().anyMatch(d -> d.instrument().equals(btc) && !d.orders().isEmpty()));
        assertTrue(live.decisions().stream().anyMatch(d -> d.instrument().equals(synthetic) && d.signal() != null));

        // A resting order, then a manual kill: the working order is cancelled through the broker.
        live.pipeline().broker().submit(dev.sextant.trading.core.OrderRequest.limit("resting-1", btc,
                dev.sextant.trading.core.Side.BUY, 0.01, 1.00, dev.sextant.trading.core.TimeInForce.GTC));
        assertTrue(live.pipeline().broker().connector().openOrders().stream().anyMatch(o -> o.clientOrderId().equals("resting-1")));
        live.pipeline().risk().killSwitch().trip(KillSwitchTrigger.MANUAL, "operator");
        assertTrue(live.pipeline().broker().connector().openOrders().isEmpty(), "kill switch cancelled working orders");
        assertTrue(live.pipeline().risk().killSwitch().isTripped());
    }
}
