package dev.sextant.trading.core.io;

import dev.sextant.trading.core.Checks;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The market-data file formats Sextant reads, and how a file's format is recognised. */
public enum MarketDataFormat {
    /** Bars CSV ({@code timestamp,open,high,low,close,volume}), read by {@link BarCsvReader}. */
    BARS_CSV,
    /** Trades CSV ({@code timestamp,price,amount}), read by {@link TradeCsvReader}. */
    TRADES_CSV,
    /** The Ta4j examples' JSON bars, read by {@link Ta4jJsonBarReader}. */
    TA4J_JSON;

    /**
     * The format of {@code file}: Ta4j JSON for a {@code .json} name, else trades CSV when the
     * header (read within {@code limits}) has a {@code price} column and no {@code close}
     * column, else bars CSV.
     *
     * @throws MarketDataException if the file is missing, empty, or its header line is not
     *         bounded UTF-8 text
     */
    public static MarketDataFormat detect(Path file, ReadLimits limits) {
        Checks.notNull(file, "file");
        Path name = file.getFileName();
        if (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return TA4J_JSON;
        }
        try (CsvCursor csv = new CsvCursor(BarCsvReader.newInput(file), file.toString(), limits)) {
            List<String> header = csv.header();
            return header.contains("price") && !header.contains("close") ? TRADES_CSV : BARS_CSV;
        }
    }

    /** {@link #detect(Path, ReadLimits)} with the default limits. */
    public static MarketDataFormat detect(Path file) {
        return detect(file, ReadLimits.DEFAULT);
    }
}
