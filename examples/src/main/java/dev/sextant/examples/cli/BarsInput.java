package dev.sextant.examples.cli;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.SeriesSummary;
import dev.sextant.trading.core.io.ValidationPolicy;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --input} and {@code --timeframe} options of the commands that read one bars file (a
 * bars CSV, a trades CSV aggregated to {@code --timeframe}, or Ta4j JSON), and the loading of it.
 */
final class BarsInput {
    @Option(names = "--input", required = true, description = "Bars CSV, trades CSV (aggregated to --timeframe) or Ta4j JSON.")
    Path input;

    @Option(names = "--timeframe", defaultValue = "1m", description = "Bar time frame for trades input (default ${DEFAULT-VALUE}).")
    String timeframe;

    /** The file {@code --input} names. */
    Path path() {
        return input;
    }

    /** The bars of {@code --input}, read strictly; trades are aggregated to {@code --timeframe}. */
    BarSeries load() {
        return MarketDataFiles.loadBars(input, ValidationPolicy.STRICT, TimeFrame.parse(timeframe)).series();
    }

    /** The time frame of {@code bars}: the one they carry, else the one their timestamps show. */
    static TimeFrame timeFrameOf(BarSeries bars) {
        return bars.timeFrame() != null ? bars.timeFrame() : SeriesSummary.detectTimeFrame(bars);
    }
}
