package dev.sextant.examples.cli;

import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.Instrument;
import picocli.CommandLine.Option;

/** The {@code --symbol} option: the instrument traded on the paper venue. */
final class SymbolOption {
    @Option(names = "--symbol", defaultValue = "BTC/USD", description = "Instrument symbol (default ${DEFAULT-VALUE}).")
    String symbol;

    /** The instrument {@code --symbol} names. */
    Instrument instrument() {
        return instrument(symbol);
    }

    /** The instrument a symbol names: {@code BASE/QUOTE} a crypto pair, anything else a US equity. */
    static Instrument instrument(String symbol) {
        return symbol.contains("/")
                ? Instrument.crypto(symbol, "PAPER", symbol.substring(symbol.indexOf('/') + 1))
                : new Instrument(symbol, "PAPER", AssetClass.EQUITY, "USD", 0.01, 1);
    }
}
