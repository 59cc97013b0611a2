package dev.sextant.trading.live.registry;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalException;
import dev.sextant.trading.live.SessionComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings challengers registered while a session runs (by hand, or by {@link ScheduledRetraining})
 * into its lineup at a bar boundary. Add it to the session after the {@link ChampionChallengers}
 * (and after a {@link ShadowPromotion}).
 *
 * <p>After each bar's decision, every {@code pollEvery} bars, it asks the registry for its
 * challengers; each one not yet in the lineup is verified against its registered digest, turned
 * into a fresh signal source by the loader, journaled durably as
 * {@link JournalEvent.ChallengerJoined} and joined ({@link ChampionChallengers#join}): it runs in
 * shadow from the next bar on, and warms up there. The {@code onJoin} callbacks hear of it (for
 * example {@link ShadowPromotion#describe}).
 *
 * <p>The registry is outside the journal, so recovery does not ask it what to join: it joins what
 * the journal says was joined, at the same bar (the version is looked up in the registry and must
 * still have the journaled digest), and asks the registry again only once recovery is done. A
 * version the registry cannot load is logged and skipped (asked again at the next poll) outside
 * recovery; during recovery it is a {@link JournalException}. Not thread-safe: the session calls it
 * under its lock.
 */
public final class ChallengerIntake implements SessionComponent {
    private static final Logger LOG = LoggerFactory.getLogger(ChallengerIntake.class);

    private final ModelRegistry registry;
    private final ChampionChallengers lineup;
    private final Function<ModelVersion, SignalSource> load;
    private final int pollEvery;
    private final List<Consumer<ModelVersion>> onJoin = new ArrayList<>();
    private final List<JournalEvent.ChallengerJoined> joined = new ArrayList<>();
    private long bars;

    /**
     * @param registry  the registry to watch (it must not journal into the session's journal)
     * @param lineup    the session's lineup
     * @param load      turns a verified version into a fresh signal source
     * @param pollEvery bars between two looks at the registry, positive
     */
    public ChallengerIntake(ModelRegistry registry, ChampionChallengers lineup, Function<ModelVersion, SignalSource> load,
            int pollEvery) {
        this.registry = Checks.notNull(registry, "registry");
        this.lineup = Checks.notNull(lineup, "lineup");
        this.load = Checks.notNull(load, "load");
        this.pollEvery = Checks.positive(pollEvery, "pollEvery");
    }

    /** Calls {@code listener} with each version that joins (on the session's thread). */
    public ChallengerIntake onJoin(Consumer<ModelVersion> listener) {
        onJoin.add(Checks.notNull(listener, "listener"));
        return this;
    }

    @Override
    public void onBar(Instrument instrument, TimeFrame frame, Bar bar, Context context) {
        bars++;
        if (context.recovering()) {
            for (Optional<JournalEvent> next = context.nextJournaled(); next.isPresent()
                    && next.get() instanceof JournalEvent.ChallengerJoined j; next = context.nextJournaled()) {
                rejoin(j, context);
            }
            return;
        }
        if (bars % pollEvery != 0) {
            return;
        }
        List<ModelVersion> challengers;
        try {
            challengers = registry.inStage(Stage.CHALLENGER);
        } catch (RuntimeException e) {
            LOG.warn("registry {}: could not list the challengers; asking again in {} bars", registry.location(), pollEvery,
                    e);
            return;
        }
        for (ModelVersion v : challengers) {
            if (lineup.versions().contains(v.version())) {
                continue;
            }
            SignalSource signals;
            try {
                registry.verify(v.version());
                signals = load.apply(v);
            } catch (RuntimeException e) {
                LOG.warn("registry {}: challenger version {} cannot join: {}", registry.location(), v.version(),
                        e.getMessage());
                continue;
            }
            join(v, signals, context);
        }
    }

    private void rejoin(JournalEvent.ChallengerJoined j, Context context) {
        ModelVersion v;
        SignalSource signals;
        try {
            v = registry.get(j.version());
            if (!v.digest().equals(j.bundleDigest())) {
                throw new IllegalStateException("its digest is now " + v.digest() + " but the journal has " + j.bundleDigest());
            }
            registry.verify(j.version());
            signals = load.apply(v);
        } catch (RuntimeException e) {
            throw new JournalException("recovery cannot join challenger version " + j.version() + " again from registry "
                    + registry.location() + ": " + e.getMessage());
        }
        join(v, signals, context);
    }

    private void join(ModelVersion v, SignalSource signals, Context context) {
        JournalEvent.ChallengerJoined event = new JournalEvent.ChallengerJoined(registry.location(), v.version(),
                v.bundleId(), v.bundleVersion(), v.digest());
        context.journal(event, true);
        lineup.join(v.version(), signals);
        joined.add(event);
        LOG.info("challenger version {} ({}) joined the lineup", v.version(), v.label());
        for (Consumer<ModelVersion> listener : onJoin) {
            listener.accept(v);
        }
    }

    /** The challengers that joined, oldest first. */
    public List<JournalEvent.ChallengerJoined> joined() {
        return List.copyOf(joined);
    }
}
