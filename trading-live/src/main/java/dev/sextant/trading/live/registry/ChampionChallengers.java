package dev.sextant.trading.live.registry;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.SessionComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The models of a session: one champion that trades, challengers that run in shadow on the same
 * bars, and optionally the previous champion (in shadow too, warm for a rollback). Give
 * {@link #signals()} to the session as its signal source and add this object as a
 * {@link SessionComponent}: for each bar the model that trades the instrument sees it through the
 * pipeline, and after the decision every other model sees it here; their signals are journaled as
 * {@link JournalEvent.ShadowSignalGenerated} (never sized, never sent), and recovery re-creates
 * them like every other event.
 *
 * <p>A/B split: {@link Builder#assign} lets a challenger trade chosen instruments; the champion
 * then runs in shadow on those. A rollback ({@link #restore}) makes another model of the lineup
 * the champion from the next bar on.
 *
 * <p>Each model's signal source is called once per bar and must be fresh when the session is
 * built (recovery warms it up from the journaled bars). Not thread-safe: the session calls it
 * under its lock.
 */
public final class ChampionChallengers implements SessionComponent {

    private final Map<Long, SignalSource> models;
    private final Map<Long, Stage> stages;
    private final Map<String, Long> assignments;
    private final Map<String, Map<Long, Signal>> lastSignals = new HashMap<>();
    private long champion;

    private ChampionChallengers(Builder b) {
        if (b.champion == 0) {
            throw new IllegalArgumentException("a champion is required");
        }
        this.models = new LinkedHashMap<>(b.models);
        this.stages = new LinkedHashMap<>(b.stages);
        this.champion = b.champion;
        this.assignments = new HashMap<>(b.assignments);
        for (Map.Entry<String, Long> a : assignments.entrySet()) {
            if (!models.containsKey(a.getValue())) {
                throw new IllegalArgumentException("instrument " + a.getKey() + " is assigned to version " + a.getValue()
                        + ", which is not in the lineup " + models.keySet());
            }
        }
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The lineup a registry holds: its champion, its challengers and the previous champion, each
     * turned into a signal source by {@code load} (for example a {@code ModelSignalSource} over
     * the version's bundle, verified first with {@link ModelRegistry#verify}).
     *
     * @throws RegistryException.UnknownVersion if the registry has no champion
     */
    public static ChampionChallengers fromRegistry(ModelRegistry registry, Function<ModelVersion, SignalSource> load) {
        Checks.notNull(registry, "registry");
        Checks.notNull(load, "load");
        ModelVersion champion = registry.champion().orElseThrow(() -> new RegistryException.UnknownVersion(
                registry.location(), "no champion: promote a version to champion first"));
        Builder b = builder().champion(champion.version(), load.apply(champion));
        for (ModelVersion c : registry.inStage(Stage.CHALLENGER)) {
            b.challenger(c.version(), load.apply(c));
        }
        registry.previousChampion().ifPresent(p -> b.previousChampion(p.version(), load.apply(p)));
        return b.build();
    }

    /** The signal source for the session's pipeline: each instrument's trading model. */
    public SignalSource signals() {
        return new SignalSource() {
            @Override
            public SignalResult onBar(Instrument instrument, TimeFrame frame, Bar bar) {
                long version = tradingVersion(instrument);
                SignalResult result = models.get(version).onBar(instrument, frame, bar);
                remember(instrument, version, result);
                return result;
            }

            // What the trading model read, so that the session journals its feature digest.
            @Override
            public Optional<float[]> lastModelInput(Instrument instrument) {
                return models.get(tradingVersion(instrument)).lastModelInput(instrument);
            }
        };
    }

    @Override
    public void onBar(Instrument instrument, TimeFrame frame, Bar bar, Context context) {
        long trading = tradingVersion(instrument);
        for (Map.Entry<Long, SignalSource> m : models.entrySet()) {
            long version = m.getKey();
            if (version == trading) {
                continue;
            }
            SignalResult result = m.getValue().onBar(instrument, frame, bar);
            remember(instrument, version, result);
            if (result instanceof SignalResult.Ready ready) {
                Signal s = ready.signal();
                context.journal(new JournalEvent.ShadowSignalGenerated(instrument.id(), s.time(), s.direction().name(),
                        s.probabilities().sell(), s.probabilities().hold(), s.probabilities().buy(), s.confidence(),
                        s.modelId(), s.modelVersion(), version, stage(version).name()), false);
            }
        }
    }

    private void remember(Instrument instrument, long version, SignalResult result) {
        Map<Long, Signal> last = lastSignals.computeIfAbsent(instrument.id(), k -> new HashMap<>());
        if (result instanceof SignalResult.Ready ready) {
            last.put(version, ready.signal());
        } else {
            last.remove(version);
        }
    }

    /** The version whose signals trade {@code instrument}: its A/B assignment, else the champion. */
    public long tradingVersion(Instrument instrument) {
        return tradingVersion(instrument.id());
    }

    /** The version whose signals trade the instrument with id {@code instrumentId}. */
    public long tradingVersion(String instrumentId) {
        return assignments.getOrDefault(instrumentId, champion);
    }

    /** The champion's version. */
    public long champion() {
        return champion;
    }

    /** The versions in the lineup, champion first. */
    public List<Long> versions() {
        List<Long> out = new ArrayList<>();
        out.add(champion);
        models.keySet().stream().filter(v -> v != champion).forEach(out::add);
        return out;
    }

    /** The stage of {@code version} in this session. */
    public Stage stage(long version) {
        return version == champion ? Stage.CHAMPION : Checks.notNull(stages.get(version), "stage of version " + version);
    }

    /** The signal {@code version} gave on {@code instrument}'s latest bar, if it gave one. */
    public Optional<Signal> lastSignal(Instrument instrument, long version) {
        return Optional.ofNullable(lastSignals.getOrDefault(instrument.id(), Map.of()).get(version));
    }

    /**
     * Makes {@code version} the champion from the next bar on (a rollback); the demoted champion
     * keeps running in shadow as {@link Stage#RETIRED}.
     *
     * @throws IllegalArgumentException if {@code version} is not in the lineup
     */
    public void restore(long version) {
        if (!models.containsKey(version)) {
            throw new IllegalArgumentException("version " + version + " is not in the lineup " + models.keySet());
        }
        replaceChampion(version);
    }

    /**
     * Makes challenger {@code version} the champion from the next bar on (a promotion); the
     * displaced champion keeps running in shadow as {@link Stage#RETIRED}, warm for a rollback.
     *
     * @throws IllegalArgumentException if {@code version} is not a challenger of the lineup
     */
    public void promote(long version) {
        if (version == champion || stages.get(version) != Stage.CHALLENGER) {
            throw new IllegalArgumentException("version " + version + " is not a challenger of the lineup (champion "
                    + champion + ", challengers " + challengers() + ")");
        }
        replaceChampion(version);
    }

    private void replaceChampion(long version) {
        stages.put(champion, Stage.RETIRED);
        for (Map.Entry<String, Long> a : assignments.entrySet()) {
            if (a.getValue() == champion) {
                a.setValue(version);
            }
        }
        champion = version;
    }

    /** The challengers' versions, in the order they joined. */
    public List<Long> challengers() {
        return models.keySet().stream().filter(v -> v != champion && stages.get(v) == Stage.CHALLENGER).toList();
    }

    /**
     * Adds a challenger from the next bar on (for example one registered while the session runs);
     * its signal source must be fresh: it sees the bars from then on, so it warms up in the session.
     *
     * @throws IllegalArgumentException if {@code version} is already in the lineup
     */
    public void join(long version, SignalSource signals) {
        Checks.positive(version, "version");
        Checks.notNull(signals, "signals");
        if (models.containsKey(version)) {
            throw new IllegalArgumentException("version " + version + " is already in the lineup");
        }
        models.put(version, signals);
        stages.put(version, Stage.CHALLENGER);
    }

    /** Builder of {@link ChampionChallengers}; not thread-safe. */
    public static final class Builder {
        private final Map<Long, SignalSource> models = new LinkedHashMap<>();
        private final Map<Long, Stage> stages = new HashMap<>();
        private final Map<String, Long> assignments = new HashMap<>();
        private long champion;

        private Builder() {
        }

        private Builder add(long version, SignalSource signals, Stage stage) {
            Checks.positive(version, "version");
            Checks.notNull(signals, "signals");
            if (models.containsKey(version)) {
                throw new IllegalArgumentException("version " + version + " is already in the lineup");
            }
            models.put(version, signals);
            stages.put(version, stage);
            return this;
        }

        /** The champion (required): registry version and a fresh signal source. */
        public Builder champion(long version, SignalSource signals) {
            if (champion != 0) {
                throw new IllegalArgumentException("the champion is already version " + champion);
            }
            add(version, signals, Stage.CHAMPION);
            champion = version;
            return this;
        }

        /** Adds a challenger, run in shadow. */
        public Builder challenger(long version, SignalSource signals) {
            return add(version, signals, Stage.CHALLENGER);
        }

        /** The previous champion, run in shadow so that a rollback switches to a warm model. */
        public Builder previousChampion(long version, SignalSource signals) {
            return add(version, signals, Stage.RETIRED);
        }

        /** A/B split: {@code version} trades {@code instrument}; the champion runs in shadow there. */
        public Builder assign(Instrument instrument, long version) {
            assignments.put(Checks.notNull(instrument, "instrument").id(), Checks.positive(version, "version"));
            return this;
        }

        /**
         * Builds the lineup.
         *
         * @throws IllegalArgumentException without a champion, or when an instrument is assigned to a version not in it
         */
        public ChampionChallengers build() {
            return new ChampionChallengers(this);
        }
    }
}
