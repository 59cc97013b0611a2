package dev.sextant.trading.live.registry;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.stats.DieboldMariano;
import dev.sextant.trading.engine.lifecycle.LossKind;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.SessionComponent;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.LabelStream;
import dev.sextant.trading.models.labels.Labels;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls a session back to the previous champion when the champion's live loss is significantly
 * worse than its validation loss. Add it to the session after the {@link ChampionChallengers}
 * whose champion it watches.
 *
 * <p>Each bar of an instrument the champion trades resolves, through a {@link LabelStream} of the
 * champion's own label definition, the label of the bar {@code horizon} bars back; the champion's
 * log loss on that bar minus its validation log loss is one observation {@code d_t}. Over the last
 * {@link Settings#window} observations, once there are {@link Settings#minSamples}, and then every
 * {@link Settings#checkEvery} new ones, the Diebold-Mariano test of the {@code compare} work
 * ({@link DieboldMariano}: HAC variance with at least {@code horizon - 1} lags, because
 * overlapping labels make the losses autocorrelated) tests {@code E[d] = 0}, here a one-sample
 * test against the constant validation loss. The policy rolls back when the statistic is positive,
 * its one-sided p-value is below {@link Settings#alpha} and the mean excess loss is at least
 * {@link Settings#minEffect}. Repeated looks raise the false-alarm rate above {@code alpha}; a
 * small {@code alpha} and a sparse {@code checkEvery} keep it low.
 *
 * <p>A rollback journals {@link JournalEvent.ChampionRolledBack} durably, switches the lineup to
 * the previous champion ({@link ChampionChallengers#restore}) from the next bar on and, outside
 * recovery and when a registry is given and still names the same champion, rolls the registry
 * back too (its failure is logged, trading goes on with the restored model). The policy then
 * stops watching. Everything follows from the bars, so recovery re-creates it identically. Not
 * thread-safe: the session calls it under its lock.
 */
public final class RollbackPolicy implements SessionComponent {
    private static final Logger LOG = LoggerFactory.getLogger(RollbackPolicy.class);
    /** The actor named in the registry's history for a rollback by this policy. */
    public static final String ACTOR = "rollback-policy";

    /**
     * When to roll back.
     *
     * @param alpha      one-sided significance level, in (0, 0.5)
     * @param minSamples fewest scored bars before the first test, at least 10
     * @param window     scored bars tested (the most recent), at least {@code minSamples}
     * @param checkEvery new scored bars between tests, positive
     * @param minEffect  smallest mean excess log loss (nats) that counts, non-negative
     */
    public record Settings(double alpha, int minSamples, int window, int checkEvery, double minEffect) {
        /** Validates. */
        public Settings {
            if (!(alpha > 0 && alpha < 0.5)) {
                throw new IllegalArgumentException("alpha must be in (0, 0.5) but was " + alpha);
            }
            Checks.inRange(minSamples, 10, Integer.MAX_VALUE, "minSamples");
            Checks.inRange(window, minSamples, Integer.MAX_VALUE, "window");
            Checks.positive(checkEvery, "checkEvery");
            Checks.nonNegative(minEffect, "minEffect");
        }

        /** alpha 0.01, at least 200 scored bars, a window of 1,000, a test every 50, a minimum effect of 0.02 nats. */
        public static Settings defaults() {
            return new Settings(0.01, 200, 1_000, 50, 0.02);
        }
    }

    private final ChampionChallengers lineup;
    private final long watched;
    private final long previous;
    private final FixedHorizonLabeler labeler;
    private final double validationLoss;
    private final Settings settings;
    private final ModelRegistry registry;
    private final Map<String, LabelStream> streams = new HashMap<>();
    private final Map<String, double[]> probabilities = new HashMap<>();
    private final Deque<Double> excess = new ArrayDeque<>();
    private long scored;
    private JournalEvent.ChampionRolledBack rolledBack;

    private RollbackPolicy(Builder b) {
        this.lineup = Checks.notNull(b.lineup, "lineup");
        this.watched = lineup.champion();
        this.previous = Checks.positive(b.previous, "previousChampion");
        if (!lineup.versions().contains(previous) || previous == watched) {
            throw new IllegalArgumentException("the previous champion, version " + previous
                    + ", must be in the lineup " + lineup.versions() + " and not be the champion");
        }
        this.labeler = Checks.notNull(b.labeler, "labeler");
        this.validationLoss = Checks.nonNegative(b.validationLoss, "validationLoss");
        this.settings = Checks.notNull(b.settings, "settings");
        this.registry = b.registry;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onBar(Instrument instrument, TimeFrame frame, Bar bar, Context context) {
        if (rolledBack != null || lineup.tradingVersion(instrument) != watched) {
            return;
        }
        String id = instrument.id();
        LabelStream stream = streams.computeIfAbsent(id, k -> new LabelStream(labeler));
        double[] ring = probabilities.computeIfAbsent(id, k -> new double[3 * (labeler.horizon() + 1)]);
        int slots = labeler.horizon() + 1;
        long index = stream.bars();
        int slot = (int) (index % slots) * 3;
        Optional<Signal> signal = lineup.lastSignal(instrument, watched);
        if (signal.isPresent()) {
            ring[slot] = signal.get().probabilities().sell();
            ring[slot + 1] = signal.get().probabilities().hold();
            ring[slot + 2] = signal.get().probabilities().buy();
        } else {
            ring[slot] = Double.NaN;
        }
        int label = stream.onClose(bar.close());
        long resolved = index - labeler.horizon();
        if (label == Labels.UNDEFINED || resolved < 0) {
            return;
        }
        int from = (int) (resolved % slots) * 3;
        if (Double.isNaN(ring[from])) {
            return;
        }
        excess.addLast(LossKind.LOG_LOSS.loss(ring, from, label) - validationLoss);
        if (excess.size() > settings.window()) {
            excess.removeFirst();
        }
        scored++;
        if (scored >= settings.minSamples() && (scored - settings.minSamples()) % settings.checkEvery() == 0) {
            test(context);
        }
    }

    private void test(Context context) {
        double[] d = new double[excess.size()];
        int i = 0;
        for (double v : excess) {
            d[i++] = v;
        }
        DieboldMariano.Result r = DieboldMariano.test(d, Math.min(labeler.horizon(), d.length - 1));
        double oneSided = r.statistic() > 0 ? r.pValue() / 2 : 1 - r.pValue() / 2;
        if (r.statistic() > 0 && oneSided < settings.alpha() && r.meanDifference() >= settings.minEffect()) {
            rollBack(context, r, oneSided);
        }
    }

    private void rollBack(Context context, DieboldMariano.Result r, double pValue) {
        // Every loss equal (zero variance) gives an infinite statistic; the journal holds finite numbers.
        double statistic = Math.min(r.statistic(), Double.MAX_VALUE);
        JournalEvent.ChampionRolledBack event = new JournalEvent.ChampionRolledBack("version " + watched,
                "version " + previous, r.n(), validationLoss + r.meanDifference(), validationLoss, statistic, pValue);
        context.journal(event, true);
        lineup.restore(previous);
        rolledBack = event;
        String reason = String.format(java.util.Locale.ROOT, "live log loss %.4f vs validation %.4f over %d bars: DM %.3g,"
                + " one-sided p %.2g < %.2g", event.liveLoss(), validationLoss, r.n(), statistic, pValue, settings.alpha());
        LOG.warn("champion version {} rolled back to version {}: {}", watched, previous, reason);
        if (context.recovering() || registry == null) {
            return;
        }
        try {
            if (registry.champion().map(ModelVersion::version).orElse(0L) == watched) {
                registry.rollback(ACTOR, reason);
            } else {
                LOG.warn("registry {} no longer names version {} champion; leaving it as it is", registry.location(), watched);
            }
        } catch (RuntimeException e) {
            LOG.error("registry {}: the rollback of version {} failed; the session trades version {}", registry.location(),
                    watched, previous, e);
        }
    }

    /** The rollback this policy made, if it made one. */
    public Optional<JournalEvent.ChampionRolledBack> rolledBack() {
        return Optional.ofNullable(rolledBack);
    }

    /** Bars scored so far. */
    public long scored() {
        return scored;
    }

    /** Builder of {@link RollbackPolicy}; not thread-safe. */
    public static final class Builder {
        private ChampionChallengers lineup;
        private long previous;
        private FixedHorizonLabeler labeler;
        private double validationLoss = Double.NaN;
        private Settings settings = Settings.defaults();
        private ModelRegistry registry;

        private Builder() {
        }

        /** The lineup whose champion (as of {@link #build}) is watched (required). */
        public Builder lineup(ChampionChallengers value) {
            this.lineup = Checks.notNull(value, "lineup");
            return this;
        }

        /** The version to restore (required): in the lineup, usually its previous champion. */
        public Builder previousChampion(long version) {
            this.previous = Checks.positive(version, "previousChampion");
            return this;
        }

        /** The champion's label definition (required), e.g. {@code FixedHorizonLabeler.parse} of its bundle's {@code labels}. */
        public Builder labeler(FixedHorizonLabeler value) {
            this.labeler = Checks.notNull(value, "labeler");
            return this;
        }

        /** The champion's validation log loss (required), e.g. from {@link Lineage#validationLogLoss()}. */
        public Builder validationLoss(double value) {
            this.validationLoss = Checks.nonNegative(value, "validationLoss");
            return this;
        }

        /** When to roll back (default {@link Settings#defaults()}). */
        public Builder settings(Settings value) {
            this.settings = Checks.notNull(value, "settings");
            return this;
        }

        /** A registry to roll back as well (default: none). */
        public Builder registry(ModelRegistry value) {
            this.registry = Checks.notNull(value, "registry");
            return this;
        }

        /** Builds the policy. */
        public RollbackPolicy build() {
            if (Double.isNaN(validationLoss)) {
                throw new IllegalArgumentException("validationLoss is required");
            }
            return new RollbackPolicy(this);
        }
    }
}
