package dev.sextant.trading.flink;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.TradeAggregator;
import dev.sextant.trading.core.io.TradeCsvReader;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test universe: seeded synthetic AR(1) instruments and slices of the real Bitstamp BTC/USD
 * trades (org.ta4j:ta4j-examples) aggregated to 1-minute bars, each instrument in one of a few
 * accounts.
 */
final class Universe {
    private Universe() {
    }

    /** Real BTC/USD 1-minute bars. */
    static synchronized BarSeries btcMinutes() {
        String name = "bitstamp_trades_from_20131125_usd.csv";
        InputStream in = Universe.class.getResourceAsStream("/" + name);
        try (TradeCsvReader r = TradeCsvReader.open(in, name)) {
            return TradeAggregator.aggregate(r, TimeFrame.M1, "BTC/USD");
        }
    }

    /**
     * {@code synthetic} generated instruments and up to {@code real} slices of the BTC bars, each
     * {@code bars} long, spread over {@code accounts} accounts; by instrument, bars in time order.
     */
    static Map<Instrument, List<InstrumentBar>> of(int synthetic, int real, int bars, int accounts) {
        Map<Instrument, List<InstrumentBar>> universe = new LinkedHashMap<>();
        for (int i = 0; i < synthetic; i++) {
            BarSeries s = SyntheticBars.ar1(bars, -0.25 + 0.001 * (i % 100), 0.001 + 0.00001 * i, 1_000 + i);
            add(universe, Instrument.equity("SYN" + i, "PAPER"), s, "acct-" + (i % accounts));
        }
        BarSeries btc = btcMinutes();
        for (int i = 0; i < real && (i + 1) * bars <= btc.size(); i++) {
            add(universe, Instrument.crypto("BTC" + i + "/USD", "PAPER", "USD"), btc.view(i * bars, (i + 1) * bars),
                    "acct-" + (i % accounts));
        }
        return universe;
    }

    private static void add(Map<Instrument, List<InstrumentBar>> universe, Instrument instrument, BarSeries s,
            String account) {
        universe.put(instrument, bars(account, instrument, s));
    }

    /** The bars of {@code s} as {@code instrument}'s in {@code account}, in time order. */
    static List<InstrumentBar> bars(String account, Instrument instrument, BarSeries s) {
        List<InstrumentBar> list = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            list.add(new InstrumentBar(account, instrument, s.timeFrame().millis(), s.bar(i)));
        }
        return list;
    }

    /** Every bar of the universe, in the order of their close times (then instrument id). */
    static List<InstrumentBar> stream(Map<Instrument, List<InstrumentBar>> universe) {
        List<InstrumentBar> all = new ArrayList<>();
        universe.values().forEach(all::addAll);
        all.sort(AccountBook.ORDER);
        return all;
    }
}
