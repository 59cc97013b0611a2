package dev.sextant.trading.live.registry;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.lifecycle.ComparisonStatistics;
import dev.sextant.trading.engine.lifecycle.PairedScoring;
import dev.sextant.trading.engine.lifecycle.PromotionDecision;
import dev.sextant.trading.engine.lifecycle.PromotionRule;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.SessionComponent;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Promotes a shadow challenger to champion inside a session when the {@link PromotionRule}
 * decides for it. Opt-in: a session promotes only when this component is added (after the
 * {@link ChampionChallengers} whose lineup it watches).
 *
 * <p>On each bar of an instrument the champion trades, every challenger's signal and the
 * champion's are scored against the realised labels of each model's own label definition
 * ({@link PairedScoring}, as {@code sextant compare} scores them). Once a pairing has
 * {@link PromotionRule#minimumSample()} scored bars, and then every {@link Builder#checkEvery}
 * new ones, the rule decides on the whole sample; repeated looks raise the false-promotion rate
 * above the rule's level, which a sparse {@code checkEvery} keeps down (see docs/lifecycle.md).
 *
 * <p>When the rule decides {@code challenger}, the promotion happens at the bar boundary: after
 * the bar's decision, the challenger trades from the next bar on ({@link ChampionChallengers#promote})
 * and the displaced champion runs on in shadow, warm for a rollback. The session journals, durably,
 * a {@link JournalEvent.ModelStageChanged} for each move (the challenger {@code PROMOTE}d to
 * {@code CHAMPION}, with the decision's statistics in its reason, then the champion
 * {@code DISPLACE}d to {@code RETIRED}), actor {@link JournalEvent.ModelStageChanged#SESSION}. Every
 * pairing then starts again against the new champion. Outside recovery, when a registry is given
 * and still holds the challenger as a challenger, the registry is promoted too (a failure is
 * logged; the session trades the promoted model). The registry must not journal into the
 * session's journal ({@link RegistryAudit#none()} or its own database's journal): the session
 * journals the change itself.
 *
 * <p>Everything follows from the journaled bars, so recovery re-creates the promotion at the same
 * bar (and compares its events with the journal) and leaves the registry alone. Challengers
 * without a {@link Contender} description, and any pairing while the champion has none, are not
 * scored. Not thread-safe: the session calls it under its lock.
 */
public final class ShadowPromotion implements SessionComponent {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowPromotion.class);
    /** The actor named in the journal and the registry's history for a promotion by this component. */
    public static final String ACTOR = JournalEvent.ModelStageChanged.SESSION;
    /** The default number of new scored bars between two decisions of one pairing. */
    public static final int DEFAULT_CHECK_EVERY = 250;

    /**
     * A model of the lineup as the journal names it, with the label definition it is scored on.
     *
     * @param version       its version in the lineup (the registry's version number)
     * @param bundleId      the bundle's id
     * @param bundleVersion the bundle's own version
     * @param digest        the bundle's SHA-256
     * @param labels        the label definition the model was trained on
     */
    public record Contender(long version, String bundleId, String bundleVersion, String digest,
            FixedHorizonLabeler labels) {
        /** Validates. */
        public Contender {
            Checks.positive(version, "version");
            Checks.notBlank(bundleId, "bundleId");
            Checks.notBlank(bundleVersion, "bundleVersion");
            Checks.notBlank(digest, "digest");
            Checks.notNull(labels, "labels");
        }

        /** The contender of a registered version scored on {@code labels}. */
        public static Contender of(ModelVersion version, FixedHorizonLabeler labels) {
            Checks.notNull(version, "version");
            return new Contender(version.version(), version.bundleId(), version.bundleVersion(), version.digest(), labels);
        }
    }

    private final ChampionChallengers lineup;
    private final PromotionRule rule;
    private final int checkEvery;
    private final Map<Long, Contender> contenders;
    private final ModelRegistry registry;
    private final String registryName;
    /** Per instrument, per challenger: the pairing with {@link #pairedChampion}. */
    private final Map<String, Map<Long, PairedScoring>> pairings = new HashMap<>();
    private final List<JournalEvent.ModelStageChanged> promotions = new ArrayList<>();
    private long pairedChampion;

    private ShadowPromotion(Builder b) {
        this.lineup = Checks.notNull(b.lineup, "lineup");
        this.rule = b.rule;
        this.checkEvery = b.checkEvery;
        this.contenders = new LinkedHashMap<>(b.contenders);
        this.registry = b.registry;
        this.registryName = registry == null ? "session" : registry.location();
        this.pairedChampion = lineup.champion();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Describes a model that joins the lineup later (a challenger registered while the session
     * runs), so that it is scored once it is in the lineup.
     *
     * @throws IllegalArgumentException if the version is described already
     */
    public void describe(Contender contender) {
        Checks.notNull(contender, "contender");
        if (contenders.putIfAbsent(contender.version(), contender) != null) {
            throw new IllegalArgumentException("version " + contender.version() + " is described already");
        }
    }

    @Override
    public void onBar(Instrument instrument, TimeFrame frame, Bar bar, Context context) {
        long champion = lineup.champion();
        if (champion != pairedChampion) {
            // A promotion or a rollback changed the champion: every comparison starts again.
            pairings.clear();
            pairedChampion = champion;
        }
        Contender reigning = contenders.get(champion);
        if (reigning == null || lineup.tradingVersion(instrument) != champion) {
            return;
        }
        Optional<Signal> championSignal = lineup.lastSignal(instrument, champion);
        Map<Long, PairedScoring> byChallenger = pairings.computeIfAbsent(instrument.id(), k -> new LinkedHashMap<>());
        for (long version : lineup.challengers()) {
            Contender challenger = contenders.get(version);
            if (challenger == null) {
                continue;
            }
            PairedScoring scoring = byChallenger.computeIfAbsent(version,
                    v -> new PairedScoring(reigning.labels(), challenger.labels()));
            if (!scoring.onClose(bar.close(), championSignal, lineup.lastSignal(instrument, version))) {
                continue;
            }
            int n = scoring.scores().size();
            if (n < rule.minimumSample() || n <= scoring.horizon() || (n - rule.minimumSample()) % checkEvery != 0) {
                continue;
            }
            if (rule.decide(scoring.scores()) instanceof PromotionDecision.Challenger win) {
                promote(reigning, challenger, win.statistics(), instrument, context);
                return;
            }
        }
    }

    private void promote(Contender reigning, Contender challenger, ComparisonStatistics s, Instrument instrument,
            Context context) {
        String reason = reason(s, instrument);
        JournalEvent.ModelStageChanged promoted = new JournalEvent.ModelStageChanged(registryName, challenger.version(),
                challenger.bundleId(), challenger.bundleVersion(), challenger.digest(), Stage.CHALLENGER.name(),
                Stage.CHAMPION.name(), Move.PROMOTE.name(), ACTOR, reason);
        context.journal(promoted, true);
        context.journal(new JournalEvent.ModelStageChanged(registryName, reigning.version(), reigning.bundleId(),
                reigning.bundleVersion(), reigning.digest(), Stage.CHAMPION.name(), Stage.RETIRED.name(),
                Move.DISPLACE.name(), ACTOR, "displaced by version " + challenger.version()), true);
        lineup.promote(challenger.version());
        promotions.add(promoted);
        LOG.warn("version {} promoted to champion over version {}: {}", challenger.version(), reigning.version(), reason);
        if (context.recovering() || registry == null) {
            return;
        }
        try {
            if (registry.get(challenger.version()).stage() == Stage.CHALLENGER) {
                registry.promote(challenger.version(), Stage.CHAMPION, ACTOR, reason);
            } else {
                LOG.warn("registry {} no longer holds version {} as a challenger; leaving it as it is", registry.location(),
                        challenger.version());
            }
        } catch (RuntimeException e) {
            LOG.error("registry {}: the promotion of version {} failed; the session trades it", registry.location(),
                    challenger.version(), e);
        }
    }

    /** The decision's statistics in words: what the journal's reason and the registry's history say. */
    static String reason(ComparisonStatistics s, Instrument instrument) {
        String psr = s.returnDifferencePsr().isPresent()
                ? String.format(Locale.ROOT, "%.3f", s.returnDifferencePsr().getAsDouble()) : "undefined";
        return String.format(Locale.ROOT, "promotion rule on %s: n %d, mean %s champion %.5f, challenger %.5f, "
                + "mean difference %.5f, DM %.4f, p-value %.4g, HAC lag %d, PSR of the return difference %s",
                instrument.id(), s.n(), s.lossKind().name().toLowerCase(Locale.ROOT), s.meanLossChampion(),
                s.meanLossChallenger(), s.test().meanDifference(), s.test().statistic(), s.test().pValue(), s.test().lag(),
                psr);
    }

    /** The promotions this component made, oldest first (each the challenger's {@code PROMOTE} event). */
    public List<JournalEvent.ModelStageChanged> promotions() {
        return List.copyOf(promotions);
    }

    /** The bars scored so far between the champion and challenger {@code version} on {@code instrument}. */
    public int scored(Instrument instrument, long version) {
        PairedScoring s = pairings.getOrDefault(Checks.notNull(instrument, "instrument").id(), Map.of()).get(version);
        return s == null ? 0 : s.scores().size();
    }

    /** Builder of {@link ShadowPromotion}; not thread-safe. */
    public static final class Builder {
        private ChampionChallengers lineup;
        private PromotionRule rule = PromotionRule.defaults();
        private int checkEvery = DEFAULT_CHECK_EVERY;
        private final Map<Long, Contender> contenders = new LinkedHashMap<>();
        private ModelRegistry registry;

        private Builder() {
        }

        /** The lineup whose challengers may be promoted (required). */
        public Builder lineup(ChampionChallengers value) {
            this.lineup = Checks.notNull(value, "lineup");
            return this;
        }

        /** The rule that decides (default {@link PromotionRule#defaults()}). */
        public Builder rule(PromotionRule value) {
            this.rule = Checks.notNull(value, "rule");
            return this;
        }

        /** New scored bars between two decisions of one pairing, positive (default {@value #DEFAULT_CHECK_EVERY}). */
        public Builder checkEvery(int bars) {
            this.checkEvery = Checks.positive(bars, "checkEvery");
            return this;
        }

        /** Describes a model of the lineup (the champion's and each scored challenger's description are needed). */
        public Builder contender(Contender value) {
            Checks.notNull(value, "contender");
            if (contenders.putIfAbsent(value.version(), value) != null) {
                throw new IllegalArgumentException("version " + value.version() + " is described already");
            }
            return this;
        }

        /** A registry to promote as well (default: none); it must not journal into the session's journal. */
        public Builder registry(ModelRegistry value) {
            this.registry = Checks.notNull(value, "registry");
            return this;
        }

        /**
         * Builds the component.
         *
         * @throws IllegalArgumentException without a lineup, or when the champion is not described
         */
        public ShadowPromotion build() {
            Checks.notNull(lineup, "lineup");
            if (!contenders.containsKey(lineup.champion())) {
                throw new IllegalArgumentException("the champion, version " + lineup.champion()
                        + ", must be described (its label definition scores it)");
            }
            return new ShadowPromotion(this);
        }
    }
}
