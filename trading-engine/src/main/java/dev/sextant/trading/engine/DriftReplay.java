package dev.sextant.trading.engine;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.drift.DriftAlert;
import dev.sextant.trading.models.drift.DriftMonitor;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.drift.DriftSettings;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.LabelStream;
import dev.sextant.trading.models.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a bundle's drift monitors over a series of bars, bar by bar, as a session would: a
 * {@link ModelSignalSource} with a {@link DriftGuard} computes the streaming features, predicts,
 * gates and updates the feature and prediction drift statistics; once a prediction's outcome is
 * settled ({@code horizon} bars later, by the bundle's own label definition) its log loss feeds the
 * Page-Hinkley test. Nothing looks ahead: the loss of the prediction at bar {@code i} is recorded
 * at the close of bar {@code i + horizon}, the bar that settles it.
 *
 * <p>Stateless.
 */
public final class DriftReplay {

    private DriftReplay() {
    }

    /**
     * Replays {@code bars} through the bundle's monitors.
     *
     * @param bundle     a loaded bundle with a drift reference
     * @param instrument the instrument the bars are of (named in alerts)
     * @param bars       the bars
     * @param timeFrame  the bars' time frame (a bar closes at its time plus this), the one the
     *                   bundle's feature spec reads
     * @param settings   window and thresholds
     * @throws IllegalArgumentException if the bundle has no drift reference (a bundle written before
     *                                  references existed: monitoring is unavailable), or the bars
     *                                  are invalid for the feature engine
     */
    public static DriftReport run(ModelBundle bundle, Instrument instrument, BarSeries bars, TimeFrame timeFrame,
            DriftSettings settings) {
        Checks.notNull(bundle, "bundle");
        Checks.notNull(timeFrame, "timeFrame");
        Checks.notNull(instrument, "instrument");
        Checks.notNull(bars, "bars");
        Checks.notNull(settings, "settings");
        DriftReference reference = bundle.reference().orElseThrow(() -> new IllegalArgumentException("bundle "
                + bundle.location() + " has no " + DriftReference.FILE + " (it was written before bundles recorded a "
                + "reference of their training inputs): drift monitoring and out-of-distribution gating are unavailable "
                + "for it; train it again to get one"));
        BundleManifest m = bundle.manifest();
        List<DriftAlert> alerts = new ArrayList<>();
        ModelSignalSource source = new ModelSignalSource(m.featureSpec(), bundle.model(), m.bundleId(), m.bundleVersion(),
                new DriftGuard(reference, settings, alerts::add));
        Optional<FixedHorizonLabeler> labeler = labelsOf(m);
        LabelStream labels = labeler.map(LabelStream::new).orElse(null);
        int horizon = labeler.map(FixedHorizonLabeler::horizon).orElse(0);
        int n = bars.size();
        // The probabilities predicted at each bar still waiting for its outcome: a ring of horizon + 1 rows.
        double[] pending = new double[3 * (horizon + 1)];
        boolean[] predicted = new boolean[horizon + 1];
        long predictions = 0;
        long losses = 0;
        double lossSum = 0;
        DriftMonitor monitor = null;
        for (int i = 0; i < n; i++) {
            SignalResult r = source.onBar(instrument, timeFrame, bars.bar(i));
            Signal signal = switch (r) {
                case SignalResult.Ready ready -> ready.signal();
                case SignalResult.OutOfDistribution o -> o.suppressed();
                default -> null;
            };
            int slot = i % (horizon + 1);
            predicted[slot] = signal != null;
            if (signal != null) {
                predictions++;
                ClassProbabilities p = signal.probabilities();
                pending[3 * slot] = p.sell();
                pending[3 * slot + 1] = p.hold();
                pending[3 * slot + 2] = p.buy();
                if (monitor == null) {
                    monitor = source.monitor(instrument).orElseThrow();
                }
            }
            // This close settles the label of bar i - horizon (undefined in the volatility warm-up).
            int label = labels == null ? Labels.UNDEFINED : labels.onClose(bars.close(i));
            int settled = i - horizon;
            if (label != Labels.UNDEFINED && predicted[settled % (horizon + 1)]) {
                double loss = DriftReference.logLoss(pending[3 * (settled % (horizon + 1)) + label]);
                monitor.onLoss(bars.time(i) + timeFrame.millis(), loss);
                losses++;
                lossSum += loss;
            }
        }
        long gated = monitor == null ? 0 : monitor.gated();
        return new DriftReport(n, predictions, gated, reference.ood().threshold(), alerts, labeler, losses,
                losses == 0 ? Double.NaN : lossSum / losses);
    }

    /**
     * The fixed-horizon label definition a bundle trained by {@link BundleTrainer} records in its
     * {@code labels} attribute ({@link FixedHorizonLabeler#parse}); empty when the attribute is
     * absent or not such a definition (performance drift is then not monitored).
     */
    static Optional<FixedHorizonLabeler> labelsOf(BundleManifest manifest) {
        String text = manifest.attributes().get("labels");
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(FixedHorizonLabeler.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
