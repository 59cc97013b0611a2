package dev.sextant.trading.core.io;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Trade;
import java.io.InputStream;
import java.util.List;

/** The real market data shipped in org.ta4j:ta4j-examples:0.18 (test scope). */
final class RealData {
    static final String APPLE = "appleinc_bars_from_20130101_usd.csv";
    static final String BITSTAMP = "bitstamp_trades_from_20131125_usd.csv";
    static final String ETH = "ETH-USD-PT5M-2023-3-13_2023-3-15.json";

    private RealData() {
    }

    static InputStream stream(String name) {
        InputStream in = RealData.class.getResourceAsStream("/" + name);
        if (in == null) {
            throw new IllegalStateException(name + " not on the test class path (org.ta4j:ta4j-examples:0.18)");
        }
        return in;
    }

    static BarSeries apple() {
        return BarCsvReader.read(stream(APPLE), APPLE);
    }

    static List<Trade> bitstampTrades() {
        return TradeCsvReader.readAll(stream(BITSTAMP), BITSTAMP);
    }
}
