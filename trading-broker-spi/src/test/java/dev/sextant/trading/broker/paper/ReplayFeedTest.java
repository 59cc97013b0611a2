package dev.sextant.trading.broker.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.Quote;
import dev.sextant.trading.broker.Subscription;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.Trade;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayFeedTest {
    private static final Instrument AAPL = Instrument.equity("AAPL", "XNAS");
    private static final Instrument BTC = Instrument.crypto("BTC/USD", "BITSTAMP", "USD");

    private static BarSeries minuteBars(long start, int n) {
        BarSeries s = new BarSeries("AAPL 1m", TimeFrame.M1);
        for (int i = 0; i < n; i++) {
            s.append(start + i * 60_000L, 100 + i, 101 + i, 99 + i, 100 + i, 1_000);
        }
        return s;
    }

    @Test
    void deliversBarsAtTheirCloseAndTradesAndQuotesAtTheirTimeInOneTimeline() {
        SimulatedClock clock = new SimulatedClock(0);
        ReplayFeed feed = ReplayFeed.builder()
                .bars(AAPL, minuteBars(0, 3))
                .trades(BTC, List.of(new Trade(30_000, 40_000, 1), new Trade(60_000, 40_010, 2)))
                .quotes(BTC, List.of(new Quote(90_000, 40_000, 1, 40_020, 1)))
                .clock(clock)
                .build();
        List<String> seen = new ArrayList<>();
        feed.subscribeBars(AAPL, TimeFrame.M1, (i, b) -> seen.add("bar@" + clock.millis() + ":" + b.open()));
        feed.subscribeTrades(BTC, (i, t) -> seen.add("trade@" + clock.millis()));
        feed.subscribeQuotes(BTC, (i, q) -> seen.add("quote@" + clock.millis()));
        feed.connect();
        assertEquals(6, feed.replayAll());
        assertEquals(List.of("trade@30000", "bar@60000:100.0", "trade@60000", "quote@90000", "bar@120000:101.0",
                "bar@180000:102.0"), seen);
        assertFalse(feed.step());
    }

    @Test
    void drivesAPaperBrokerWithoutLookAhead() {
        SimulatedClock clock = new SimulatedClock(0);
        ReplayFeed feed = ReplayFeed.builder().bars(AAPL, minuteBars(0, 3)).clock(clock).build();
        PaperBroker broker = new PaperBroker(PaperBrokerConfig.defaults(), clock);
        List<Double> fills = new ArrayList<>();
        broker.addListener(e -> {
            if (e instanceof dev.sextant.trading.broker.OrderEvent.Execution x) {
                fills.add(x.fill().price());
            }
        });
        broker.connect();
        feed.subscribeBars(AAPL, TimeFrame.M1, broker::onBar);
        feed.connect();
        feed.step();
        broker.submit(dev.sextant.trading.core.OrderRequest.market("m", AAPL, dev.sextant.trading.core.Side.BUY, 1,
                dev.sextant.trading.core.TimeInForce.DAY));
        feed.replayAll();
        assertEquals(List.of(101.0), fills);
    }

    @Test
    void aClosedSubscriptionReceivesNothing() {
        ReplayFeed feed = ReplayFeed.builder().bars(AAPL, minuteBars(0, 2)).build();
        List<Long> seen = new ArrayList<>();
        Subscription s = feed.subscribeBars(AAPL, TimeFrame.M1, (i, b) -> seen.add(b.time()));
        feed.connect();
        feed.step();
        s.close();
        assertFalse(s.isActive());
        feed.step();
        assertEquals(List.of(0L), seen);
    }

    @Test
    void refusesToStepWhileDisconnectedAndReportsStateChanges() {
        ReplayFeed feed = ReplayFeed.builder().bars(AAPL, minuteBars(0, 1)).build();
        List<ConnectionState> states = new ArrayList<>();
        feed.addConnectionListener((p, c, r) -> states.add(c));
        assertEquals(BrokerException.Code.NOT_CONNECTED, assertThrows(BrokerException.class, feed::step).code());
        feed.connect();
        feed.disconnect();
        assertEquals(List.of(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED), states);
    }

    @Test
    void subscribingToDataTheReplayDoesNotHaveNamesWhatItHas() {
        ReplayFeed feed = ReplayFeed.builder().bars(AAPL, minuteBars(0, 1)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> feed.subscribeBars(AAPL, TimeFrame.M5, (i, b) -> { }));
        assertTrue(e.getMessage().contains("bars of 1m for AAPL@XNAS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> feed.subscribeTrades(AAPL, (i, t) -> { }));
    }

    @Test
    void refusesTradesOutOfTimeOrder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplayFeed.builder()
                .trades(BTC, List.of(new Trade(2_000, 1, 1), new Trade(1_000, 1, 1))));
        assertTrue(e.getMessage().contains("trade 1"), e.getMessage());
    }
}
