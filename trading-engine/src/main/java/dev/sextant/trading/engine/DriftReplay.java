package dev.sextant.trading.engine;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.drift.DriftAlert;
import dev.sextant.trading.models.drift.DriftMonitor;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.drift.DriftSettings;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
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
        Optional<FixedHorizonLabeler> labeler = DriftGuard.labelsOf(m);
        // The source settles each prediction's label and feeds its loss to the Page-Hinkley test, as in a session.
        ModelSignalSource source = new ModelSignalSource(m.featureSpec(), bundle.model(), m.bundleId(), m.bundleVersion(),
                new DriftGuard(reference, settings, alerts::add, labeler));
        int n = bars.size();
        long predictions = 0;
        for (int i = 0; i < n; i++) {
            SignalResult r = source.onBar(instrument, timeFrame, bars.bar(i));
            if (r instanceof SignalResult.Ready || r instanceof SignalResult.OutOfDistribution) {
                predictions++;
            }
        }
        Optional<DriftMonitor> monitor = source.monitor(instrument);
        long gated = monitor.map(DriftMonitor::gated).orElse(0L);
        long losses = monitor.map(DriftMonitor::losses).orElse(0L);
        return new DriftReport(n, predictions, gated, reference.ood().threshold(), alerts, labeler, losses,
                monitor.map(DriftMonitor::meanLoss).orElse(Double.NaN));
    }
}
