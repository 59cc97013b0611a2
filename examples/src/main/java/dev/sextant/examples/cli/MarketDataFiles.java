package dev.sextant.examples.cli;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvReader;
import dev.sextant.trading.core.io.MarketDataFormat;
import dev.sextant.trading.core.io.ReadResult;
import dev.sextant.trading.core.io.Ta4jJsonBarReader;
import dev.sextant.trading.core.io.TradeAggregator;
import dev.sextant.trading.core.io.TradeCsvReader;
import dev.sextant.trading.core.io.ValidationPolicy;
import dev.sextant.trading.parquet.BarParquetReader;
import java.nio.file.Path;

/** Recognises and loads the market-data files the CLI accepts: bars CSV, bars Parquet, trades CSV, Ta4j JSON. */
public final class MarketDataFiles {
    private MarketDataFiles() {
    }

    /** The kind of a market-data file. */
    public enum Kind {
        /** Bars CSV ({@code timestamp,open,high,low,close,volume}). */
        BARS_CSV,
        /** Bars Parquet (the same columns), by the {@code .parquet} extension. */
        BARS_PARQUET,
        /** Trades CSV ({@code timestamp,price,amount}). */
        TRADES_CSV,
        /** The Ta4j examples' JSON bars. */
        TA4J_JSON
    }

    /** Detects the kind from the extension and, for CSV, the header (read with bounded length). */
    public static Kind detect(Path file) {
        Path name = file.getFileName();
        if (name != null && name.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".parquet")) {
            return Kind.BARS_PARQUET;
        }
        return switch (MarketDataFormat.detect(file)) {
            case BARS_CSV -> Kind.BARS_CSV;
            case TRADES_CSV -> Kind.TRADES_CSV;
            case TA4J_JSON -> Kind.TA4J_JSON;
        };
    }

    /**
     * Loads bars from any accepted file: trades are aggregated into bars of {@code tradeBars}.
     *
     * @param policy validation policy for bars CSV and Parquet (trades and JSON are always strict)
     */
    public static ReadResult loadBars(Path file, ValidationPolicy policy, TimeFrame tradeBars) {
        return switch (detect(file)) {
            case BARS_CSV -> BarCsvReader.read(file, policy);
            case BARS_PARQUET -> BarParquetReader.read(file, policy);
            case TA4J_JSON -> new ReadResult(Ta4jJsonBarReader.read(file), java.util.List.of());
            case TRADES_CSV -> {
                try (TradeCsvReader trades = TradeCsvReader.open(file)) {
                    BarSeries bars = TradeAggregator.aggregate(trades, tradeBars, file.getFileName().toString());
                    yield new ReadResult(bars, java.util.List.of());
                }
            }
        };
    }

    /** Loads bars strictly; trades become 1-minute bars. */
    public static BarSeries loadBars(Path file) {
        return loadBars(file, ValidationPolicy.STRICT, TimeFrame.M1).series();
    }
}
