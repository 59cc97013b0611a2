package dev.sextant.trading.live.registry;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.engine.DriftGuard;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.engine.lifecycle.PromotionRule;
import dev.sextant.trading.engine.lifecycle.ShadowComparison;
import dev.sextant.trading.live.SessionComponent;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.drift.DriftListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's models as a registry holds them, ready to give a {@code TradingSession}: the
 * champion, its challengers and the previous champion ({@link ChampionChallengers#fromRegistry}),
 * each a {@link ModelSignalSource} over its verified bundle with the bundle's drift guard; a
 * {@link ChallengerIntake} that brings in challengers registered while the session runs; and, when
 * asked for, a {@link ShadowPromotion} that promotes a challenger the rule decides for.
 *
 * <p>Drift alerts of a model reach the session's listener only while that model trades the
 * instrument (the champion, or the model promoted or restored in its place), so the alerts a
 * session journals are those of the model it trades. Owns the bundles it loads: {@link #close()}
 * closes them, after the session. Not thread-safe: build it, give it to the session, close it.
 */
public final class RegistryLineup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryLineup.class);

    private final ModelRegistry registry;
    private final DriftListener sessionListener;
    private final List<ModelBundle> bundles = new ArrayList<>();
    private final ChampionChallengers lineup;
    private final ChallengerIntake intake;
    private final ShadowPromotion promotion;
    private final ModelVersion champion;

    /**
     * Loads the registry's lineup.
     *
     * @param registry       the registry (it must not journal into the session's journal: use {@link RegistryAudit#none()})
     * @param sessionListener the session's drift listener ({@code TradingSession.Builder#driftListener()})
     * @param promote        a rule to promote challengers in the session, or empty for none (opt-in)
     * @param checkEvery     new scored bars between two decisions of the rule, positive
     * @param pollEvery      bars between two looks at the registry for new challengers, positive
     * @throws RegistryException if the registry has no champion or a bundle does not verify
     */
    public RegistryLineup(ModelRegistry registry, DriftListener sessionListener, Optional<PromotionRule> promote,
            int checkEvery, int pollEvery) {
        this.registry = Checks.notNull(registry, "registry");
        this.sessionListener = Checks.notNull(sessionListener, "sessionListener");
        Checks.notNull(promote, "promote");
        this.champion = registry.champion().orElseThrow(() -> new RegistryException.UnknownVersion(registry.location(),
                "no champion: promote a version to champion first (sextant models promote --to champion)"));
        try {
            this.lineup = ChampionChallengers.fromRegistry(registry, this::load);
            this.intake = new ChallengerIntake(registry, lineup, this::load, pollEvery);
            if (promote.isPresent()) {
                ShadowPromotion.Builder b = ShadowPromotion.builder().lineup(lineup).rule(promote.get())
                        .checkEvery(checkEvery).registry(registry);
                for (long version : lineup.versions()) {
                    contender(registry.get(version)).ifPresent(b::contender);
                }
                this.promotion = b.build();
                intake.onJoin(v -> contender(v).ifPresent(promotion::describe));
            } else {
                this.promotion = null;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private SignalSource load(ModelVersion version) {
        registry.verify(version.version());
        ModelBundle bundle = ModelBundle.load(Path.of(version.location()));
        bundles.add(bundle);
        BundleManifest m = bundle.manifest();
        long v = version.version();
        // Alerts of this model reach the session only while it trades (lineup is set before any bar arrives).
        DriftListener whileTrading = alert -> {
            if (lineup != null && lineup.tradingVersion(alert.instrument()) == v) {
                sessionListener.onAlert(alert);
            }
        };
        Optional<DriftGuard> guard = DriftGuard.of(bundle, whileTrading);
        if (guard.isEmpty()) {
            LOG.warn("version {} ({}) has no drift reference: drift monitoring and gating are off for it", v,
                    version.label());
        }
        return new ModelSignalSource(m.featureSpec(), bundle.model(), m.bundleId(), m.bundleVersion(), guard.orElse(null));
    }

    private Optional<ShadowPromotion.Contender> contender(ModelVersion version) {
        ModelBundle bundle = ModelBundle.load(Path.of(version.location()));
        try {
            return Optional.of(ShadowPromotion.Contender.of(version, ShadowComparison.labelsOf(bundle)));
        } catch (IllegalArgumentException e) {
            LOG.warn("version {} cannot be scored for promotion: {}", version.version(), e.getMessage());
            return Optional.empty();
        } finally {
            bundle.close();
        }
    }

    /** The signal source for the session's pipeline. */
    public SignalSource signals() {
        return lineup.signals();
    }

    /** The components to add to the session, in order: the lineup, the promotion (if any), the intake. */
    public List<SessionComponent> components() {
        List<SessionComponent> out = new ArrayList<>();
        out.add(lineup);
        if (promotion != null) {
            out.add(promotion);
        }
        out.add(intake);
        return out;
    }

    /** The lineup. */
    public ChampionChallengers lineup() {
        return lineup;
    }

    /** The intake of new challengers. */
    public ChallengerIntake intake() {
        return intake;
    }

    /** The promotion component, when promotion was asked for. */
    public Optional<ShadowPromotion> promotion() {
        return Optional.ofNullable(promotion);
    }

    /** The registry's champion when the lineup was loaded. */
    public ModelVersion champion() {
        return champion;
    }

    /** Closes the bundles it loaded. */
    @Override
    public void close() {
        for (ModelBundle b : bundles) {
            try {
                b.close();
            } catch (RuntimeException e) {
                LOG.warn("closing bundle {} failed", b.location(), e);
            }
        }
        bundles.clear();
    }
}
