package dev.sextant.trading.engine;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.TradeAggregator;
import dev.sextant.trading.core.io.TradeCsvReader;
import java.io.InputStream;

/** Real Bitstamp BTC/USD trades from org.ta4j:ta4j-examples:0.18, aggregated to 1-minute bars. */
public final class RealBars {
    private static BarSeries btc;

    private RealBars() {
    }

    /** The bars, read once. */
    public static synchronized BarSeries btcMinutes() {
        if (btc == null) {
            String name = "bitstamp_trades_from_20131125_usd.csv";
            InputStream in = RealBars.class.getResourceAsStream("/" + name);
            try (TradeCsvReader r = TradeCsvReader.open(in, name)) {
                btc = TradeAggregator.aggregate(r, TimeFrame.M1, "BTC/USD");
            }
        }
        return btc;
    }
}
