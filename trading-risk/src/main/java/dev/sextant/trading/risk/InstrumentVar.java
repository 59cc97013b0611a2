package dev.sextant.trading.risk;

import dev.sextant.trading.core.stats.NormalDistribution;
import dev.sextant.trading.risk.internal.SplitMix64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Per-instrument value at risk: from an instrument's daily returns, the one-day loss per unit of
 * long and of short exposure at the configured confidence ({@link InstrumentBook#varLong} and
 * {@link InstrumentBook#varShort}), which the ledger sums into the undiversified VaR the VaR check
 * sees; and the diversified portfolio VaR for reporting. Holds the policy, its normal quantile and
 * a scratch buffer, so that re-estimating allocates nothing. Guarded by the engine's lock.
 */
final class InstrumentVar {
    private final SplitMix64 random = new SplitMix64(0);
    private VarPolicy policy;
    private double z;
    private double[] scratch = new double[0];

    /**
     * Takes the VaR settings of new limits.
     *
     * @return whether they differ from the previous ones, so every estimate must be redone
     */
    boolean configure(VarPolicy v) {
        boolean changed = policy == null || !policy.equals(v);
        policy = v;
        z = NormalDistribution.quantile(v.confidence());
        int need = Math.max(v.lookbackDays(), v.method() == VarMethod.MONTE_CARLO ? v.monteCarloPaths() : 0);
        if (scratch.length < need) {
            scratch = new double[need];
        }
        return changed;
    }

    /** Re-estimates one instrument's one-day VaR per unit of long and short exposure. */
    void update(InstrumentBook b) {
        VarPolicy v = policy;
        int n = b.returnCount;
        if (n < v.minObservations()) {
            b.varLong = v.fallbackDailyVolatility() * z;
            b.varShort = b.varLong;
            return;
        }
        double c = v.confidence();
        double[] s = scratch;
        switch (v.method()) {
            case HISTORICAL -> {
                b.copyReturns(s);
                b.varLong = Math.max(0, ValueAtRisk.lowerTailLoss(s, n, c));
                b.varShort = Math.max(0, ValueAtRisk.upperTailLoss(s, n, c));
            }
            case PARAMETRIC -> {
                b.copyReturns(s);
                double mean = ValueAtRisk.mean(s, n);
                double sd = Math.sqrt(ValueAtRisk.variance(s, n, mean));
                b.varLong = Math.max(0, sd * z - mean);
                b.varShort = Math.max(0, sd * z + mean);
            }
            case MONTE_CARLO -> {
                b.copyReturns(s);
                double mean = ValueAtRisk.mean(s, n);
                double sd = Math.sqrt(ValueAtRisk.variance(s, n, mean));
                random.reseed(v.monteCarloSeed() * 31 + b.id.hashCode());
                int paths = v.monteCarloPaths();
                ValueAtRisk.simulate(random, mean, sd, s, paths);
                b.varLong = Math.max(0, ValueAtRisk.lowerTailLoss(s, paths, c));
                b.varShort = Math.max(0, ValueAtRisk.upperTailLoss(s, paths, c));
            }
            default -> throw new IllegalStateException("unknown VaR method " + v.method());
        }
    }

    /**
     * Diversified one-day VaR of the filled positions in {@code books} over the returns all exposed
     * instruments have in common; empty when one has fewer than the minimum observations.
     */
    Optional<VarEstimate> portfolio(List<InstrumentBook> books) {
        VarPolicy v = policy;
        List<InstrumentBook> exposed = new ArrayList<>();
        int common = Integer.MAX_VALUE;
        for (InstrumentBook b : books) {
            if (b.position != 0 && !Double.isNaN(b.mark)) {
                exposed.add(b);
                common = Math.min(common, b.returnCount);
            }
        }
        if (exposed.isEmpty()) {
            return Optional.of(new VarEstimate(v.method(), v.confidence(), 0, 0, 0));
        }
        if (common < v.minObservations()) {
            return Optional.empty();
        }
        double[] exposures = new double[exposed.size()];
        double[][] returns = new double[exposed.size()][];
        for (int i = 0; i < exposed.size(); i++) {
            InstrumentBook b = exposed.get(i);
            exposures[i] = b.position * b.mark;
            double[] all = new double[b.returnCount];
            int n = b.copyReturns(all);
            returns[i] = Arrays.copyOfRange(all, n - common, n);
        }
        return Optional.of(ValueAtRisk.portfolio(v.method(), exposures, returns, v.confidence(),
                v.monteCarloPaths(), v.monteCarloSeed()));
    }
}
