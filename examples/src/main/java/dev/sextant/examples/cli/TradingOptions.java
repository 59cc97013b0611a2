package dev.sextant.examples.cli;

import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Account, cost, sizing and risk options shared by the backtesting commands. */
final class TradingOptions {
    @Mixin
    SymbolOption symbol;

    @Option(names = "--cash", defaultValue = "100000", description = "Starting cash (default ${DEFAULT-VALUE}).")
    double cash;

    @Option(names = "--spread-bps", defaultValue = "2", description = "Quoted spread in bps; half is paid per fill (default ${DEFAULT-VALUE}).")
    double spreadBps;

    @Option(names = "--commission-bps", defaultValue = "1", description = "Commission in bps of notional (default ${DEFAULT-VALUE}).")
    double commissionBps;

    @Option(names = "--fraction", defaultValue = "0.05", description = "Fixed fraction of equity per position (default ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--min-edge-bps", defaultValue = "0",
            description = "Minimum expected edge after costs to trade, bps (default ${DEFAULT-VALUE}; the SDK default is 20).")
    double minEdgeBps;

    @Option(names = "--allow-short", description = "SELL signals open shorts instead of only closing longs.")
    boolean allowShort;

    @Option(names = "--limits", description = "Risk limits JSON (default: built-in limits, see docs/risk.md).")
    Path limits;

    @Option(names = "--trials", defaultValue = "1", description = "Configurations tried so far, for the deflated Sharpe ratio (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the paper broker (default ${DEFAULT-VALUE}).")
    long seed;

    /**
     * Checks every numeric option before anything is built from it; each error names the option.
     *
     * @throws IllegalArgumentException for a non-finite or out-of-range value
     */
    void check() {
        OptionChecks.account(cash, spreadBps, commissionBps);
        OptionChecks.sizing(fraction, minEdgeBps);
        OptionChecks.positive("--trials", trials);
    }

    BacktestConfig backtest(TimeFrame timeFrame, boolean keepDecisions) {
        check();
        Instrument instrument = symbol.instrument();
        RiskLimits riskLimits = limits == null ? RiskLimits.defaults() : RiskLimits.load(limits);
        return BacktestConfig.builder(instrument, timeFrame).initialCash(cash)
                .costs(CostModel.ofBps(spreadBps, commissionBps))
                .sizing(new SizingPolicy(new SizingMethod.FixedFractional(fraction), minEdgeBps, allowShort))
                .limits(riskLimits).trials(trials).seed(seed).keepDecisions(keepDecisions).build();
    }

    /**
     * The decision counts of a backtest, and, when the minimum edge held signals back, how many
     * and what to change: on 1-minute bars the SDK's default of 20 bps holds back nearly all.
     */
    void printDecisions(PrintWriter out, BacktestResult result) {
        out.println("      decisions: " + result.decisionSummary());
        int held = result.count(Decision.Kind.EDGE_BELOW_MINIMUM);
        if (held > 0) {
            out.printf(Locale.ROOT, "      %d signals held: expected edge after costs below --min-edge-bps %s%s%n", held,
                    BigDecimal.valueOf(minEdgeBps).stripTrailingZeros().toPlainString(),
                    result.count(Decision.Kind.SENT) + result.count(Decision.Kind.RESIZED) == 0
                            ? " (nothing traded; lower --min-edge-bps to trade)" : "");
        }
    }
}
