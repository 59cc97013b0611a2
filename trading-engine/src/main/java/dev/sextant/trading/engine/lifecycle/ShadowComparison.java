package dev.sextant.trading.engine.lifecycle;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.engine.TrainedBundle;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import java.util.Optional;

/**
 * A champion and a challenger run on the same bars of one instrument, one closed bar at a time as
 * a session feeds them, each scored against the realised labels of its own label definition:
 * the challenger runs in shadow (its signals are scored, never traded).
 *
 * <p>On each bar both {@link SignalSource}s predict; the bar's close resolves each model's label
 * of the bar {@code h} bars back ({@link PairedScoring}) and both models' strategy returns of the
 * previous bar. A bar enters {@link #scores()} once both models predicted it and both labels are
 * known, that is {@code H} bars later for the longer horizon {@code H}; bars on which either model
 * was still warming up, or had no prediction, are left out of both models' scores.
 *
 * <p>Holds {@code H + 1} bars of pending predictions besides the growing scores. Not thread-safe:
 * one thread feeds the bars, in time order.
 */
public final class ShadowComparison {

    /**
     * One side of the comparison.
     *
     * @param signals the model's signals
     * @param labels  the label definition the model was trained on
     */
    public record Contender(SignalSource signals, FixedHorizonLabeler labels) {
        /** Validates. */
        public Contender {
            Checks.notNull(signals, "signals");
            Checks.notNull(labels, "labels");
        }
    }

    private final SignalSource championSignals;
    private final SignalSource challengerSignals;
    private final PairedScoring scoring;
    private Instrument instrument;

    /**
     * @param champion   the model that trades
     * @param challenger the model in shadow
     */
    public ShadowComparison(Contender champion, Contender challenger) {
        Checks.notNull(champion, "champion");
        Checks.notNull(challenger, "challenger");
        this.championSignals = champion.signals();
        this.challengerSignals = challenger.signals();
        this.scoring = new PairedScoring(champion.labels(), challenger.labels());
    }

    /**
     * A comparison of two loaded bundles: each predicts through a {@link ModelSignalSource} built
     * from its own feature spec and is scored against the label definition its manifest records
     * ({@link TrainedBundle#LABELS_ATTRIBUTE}). The bundles stay owned (and closed) by the caller.
     *
     * @throws IllegalArgumentException if a bundle records no label definition, or one that is not
     *                                  a fixed-horizon definition, naming the bundle
     */
    public static ShadowComparison of(ModelBundle champion, ModelBundle challenger) {
        Checks.notNull(champion, "champion");
        Checks.notNull(challenger, "challenger");
        return new ShadowComparison(contender(champion), contender(challenger));
    }

    private static Contender contender(ModelBundle bundle) {
        BundleManifest m = bundle.manifest();
        return new Contender(new ModelSignalSource(m.featureSpec(), bundle.model(), m.bundleId(), m.bundleVersion()),
                labelsOf(bundle));
    }

    /**
     * The label definition a bundle records.
     *
     * @throws IllegalArgumentException if there is none or it does not parse, naming the bundle
     */
    public static FixedHorizonLabeler labelsOf(ModelBundle bundle) {
        Checks.notNull(bundle, "bundle");
        BundleManifest m = bundle.manifest();
        String text = m.attributes().get(TrainedBundle.LABELS_ATTRIBUTE);
        if (text == null) {
            throw new IllegalArgumentException("bundle " + bundle.location() + " (" + m.bundleId() + " " + m.bundleVersion()
                    + ") records no label definition (manifest attribute '" + TrainedBundle.LABELS_ATTRIBUTE
                    + "'), so its predictions cannot be scored on realised outcomes");
        }
        try {
            return FixedHorizonLabeler.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bundle " + bundle.location() + " manifest attribute '"
                    + TrainedBundle.LABELS_ATTRIBUTE + "': " + e.getMessage(), e);
        }
    }

    /** The longer of the two label horizons: a bar is scored this many bars after it closed. */
    public int horizon() {
        return scoring.horizon();
    }

    /** Bars fed so far. */
    public long bars() {
        return scoring.bars();
    }

    /** The scores of every bar resolved so far (live view; it grows as bars are fed). */
    public PairedScores scores() {
        return scoring.scores();
    }

    /**
     * Feeds one closed bar to both models and scores the bar that this close resolves.
     *
     * @param instrument the instrument; every bar must be of the same one
     * @param timeFrame  the bars' time frame
     * @param bar        the closed bar, after the previous one
     * @throws IllegalArgumentException if the instrument changes, the bar is out of order or does
     *                                  not fit a model's feature spec (from the signal source)
     * @throws RuntimeException         when a model fails, as {@link SignalSource#onBar}
     */
    public void onBar(Instrument instrument, TimeFrame timeFrame, Bar bar) {
        Checks.notNull(instrument, "instrument");
        Checks.notNull(bar, "bar");
        if (this.instrument == null) {
            this.instrument = instrument;
        } else if (!this.instrument.equals(instrument)) {
            throw new IllegalArgumentException("a comparison runs on one instrument, " + this.instrument.id()
                    + ", but was given a bar of " + instrument.id());
        }
        Optional<Signal> a = signal(championSignals.onBar(instrument, timeFrame, bar));
        Optional<Signal> b = signal(challengerSignals.onBar(instrument, timeFrame, bar));
        scoring.onClose(bar.close(), a, b);
    }

    private static Optional<Signal> signal(SignalResult result) {
        return result instanceof SignalResult.Ready(Signal signal) ? Optional.of(signal) : Optional.empty();
    }
}
