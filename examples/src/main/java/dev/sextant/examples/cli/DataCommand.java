package dev.sextant.examples.cli;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.Trade;
import dev.sextant.trading.core.io.BarCsvWriter;
import dev.sextant.trading.core.io.BarResampler;
import dev.sextant.trading.core.io.DroppedRow;
import dev.sextant.trading.core.io.ReadResult;
import dev.sextant.trading.core.io.SeriesSummary;
import dev.sextant.trading.core.io.TradeAggregator;
import dev.sextant.trading.core.io.TradeCsvReader;
import dev.sextant.trading.core.io.ValidationPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sextant data ...}: inspect, resample and aggregate market data. */
@Command(name = "data", description = "Inspect, resample and aggregate market data.",
        mixinStandardHelpOptions = true,
        subcommands = {DataCommand.Inspect.class, DataCommand.Resample.class, DataCommand.TradesToBars.class})
public final class DataCommand {

    /** {@code sextant data inspect}. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Validate and summarise bars CSV, trades CSV or Ta4j JSON files.")
    static final class Inspect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--input", required = true, description = "File to inspect (repeatable).")
        List<Path> inputs;

        @Option(names = "--lenient", description = "Sort, drop duplicate timestamps and invalid rows, and list every dropped row.")
        boolean lenient;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Path input : inputs) {
                MarketDataFiles.Kind kind = MarketDataFiles.detect(input);
                out.println("== " + input + " (" + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
                if (kind == MarketDataFiles.Kind.TRADES_CSV) {
                    inspectTrades(input, out);
                    continue;
                }
                ReadResult r = MarketDataFiles.loadBars(input, lenient ? ValidationPolicy.LENIENT : ValidationPolicy.STRICT,
                        TimeFrame.M1);
                out.print(SeriesSummary.of(r.series()).format());
                if (lenient) {
                    out.println("dropped:     " + r.dropped().size() + " rows");
                    for (DroppedRow d : r.dropped()) {
                        out.println("  " + d.reason());
                    }
                }
            }
            out.flush();
            return 0;
        }

        private static void inspectTrades(Path input, PrintWriter out) {
            long count = 0;
            double amount = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            long first = 0;
            long last = 0;
            TradeAggregator minutes = new TradeAggregator(TimeFrame.M1);
            BarSeries bars = new BarSeries(input.getFileName().toString() + " 1m", TimeFrame.M1, 1024);
            try (TradeCsvReader r = TradeCsvReader.open(input)) {
                while (r.hasNext()) {
                    Trade t = r.next();
                    if (count == 0) {
                        first = t.time();
                    }
                    last = t.time();
                    count++;
                    amount += t.amount();
                    lo = Math.min(lo, t.price());
                    hi = Math.max(hi, t.price());
                    Bar b = minutes.onTrade(t);
                    if (b != null) {
                        bars.append(b);
                    }
                }
            }
            Bar b = minutes.flush();
            if (b != null) {
                bars.append(b);
            }
            out.println("trades:      " + count);
            out.println("first:       " + java.time.Instant.ofEpochMilli(first));
            out.println("last:        " + java.time.Instant.ofEpochMilli(last));
            out.printf(Locale.ROOT, "price:       %.6g .. %.6g%n", lo, hi);
            out.printf(Locale.ROOT, "amount:      total %.6g%n", amount);
            out.println("-- aggregated to 1m bars:");
            out.print(SeriesSummary.of(bars).format());
        }
    }

    /** {@code sextant data resample}. */
    @Command(name = "resample", mixinStandardHelpOptions = true,
            description = "Resample bars to a coarser time frame aligned to its boundaries.")
    static final class Resample implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--input", required = true, description = "Bars CSV or Ta4j JSON.")
        Path input;

        @Option(names = "--timeframe", required = true, description = "Target time frame, e.g. 5m, 1h, 1d.")
        String timeframe;

        @Option(names = "--output", required = true, description = "Bars CSV to write.")
        Path output;

        @Option(names = "--drop-partial", description = "Leave out the last bar if its interval had not ended.")
        boolean dropPartial;

        @Override
        public Integer call() {
            TimeFrame target = TimeFrame.parse(timeframe);
            BarSeries in = MarketDataFiles.loadBars(input);
            BarSeries out = BarResampler.resample(in, target, !dropPartial);
            BarCsvWriter.write(out, output);
            spec.commandLine().getOut().printf(Locale.ROOT, "resampled %d bars to %d %s bars -> %s%n",
                    in.size(), out.size(), target, output);
            return 0;
        }
    }

    /** {@code sextant data trades-to-bars}. */
    @Command(name = "trades-to-bars", mixinStandardHelpOptions = true,
            description = "Aggregate trades CSV (timestamp,price,amount) into bars.")
    static final class TradesToBars implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--input", required = true, description = "Trades CSV.")
        Path input;

        @Option(names = "--timeframe", required = true, description = "Bar time frame, e.g. 1m.")
        String timeframe;

        @Option(names = "--output", required = true, description = "Bars CSV to write.")
        Path output;

        @Override
        public Integer call() {
            TimeFrame tf = TimeFrame.parse(timeframe);
            BarSeries bars;
            try (TradeCsvReader trades = TradeCsvReader.open(input)) {
                bars = TradeAggregator.aggregate(trades, tf, input.getFileName().toString());
            }
            BarCsvWriter.write(bars, output);
            spec.commandLine().getOut().printf(Locale.ROOT, "aggregated trades into %d %s bars -> %s%n", bars.size(), tf, output);
            return 0;
        }
    }
}
