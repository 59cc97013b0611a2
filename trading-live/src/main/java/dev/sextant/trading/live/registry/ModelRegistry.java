package dev.sextant.trading.live.registry;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalException;
import dev.sextant.trading.live.internal.RegistryDatabase;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A registry of model bundles: numbered versions, their {@link Stage stages}, their
 * {@link Lineage lineage} and the history of every stage change (who or what made it and why).
 * It lives in the journal's database: a SQLite file by default, or PostgreSQL, in its own tables.
 *
 * <p>Bundles are referenced where they lie, by absolute path and SHA-256 ({@link #digest}): a
 * bundle is verified ({@link ModelBundle#verify}) when it is registered, and again, with its
 * digest compared with the registered one, before it becomes challenger or champion and when
 * {@link #verify} is called; a changed bundle is a {@link RegistryException.BundleRejected}.
 *
 * <p>Stage changes follow {@link StageTable}; promoting a version to champion retires the
 * champion ({@link Move#DISPLACE}); {@link #rollback} retires the champion and restores the one it
 * replaced. Each change is first given to the {@link RegistryAudit} (write-ahead: a journal holds
 * it before the registry does; if the database then fails, the error says so), then committed
 * with its history row in one transaction.
 *
 * <p>Thread-safe: calls are serialised on one connection. Several processes may share a registry;
 * a change checks, in its transaction, that the stages it moves from are still current.
 */
public final class ModelRegistry implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NONE = "";

    private final RegistryDatabase db;
    private final Connection connection;
    private final RegistryAudit audit;
    private final InstantSource wallClock;

    private ModelRegistry(RegistryDatabase db, RegistryAudit audit, InstantSource wallClock) {
        this.db = db;
        this.connection = db.connection();
        this.audit = Checks.notNull(audit, "audit");
        this.wallClock = Checks.notNull(wallClock, "wallClock");
    }

    /**
     * Opens or creates a registry: a SQLite file path, or a {@code jdbc:postgresql:} URL with
     * the registry's name after {@code #} ({@code default} when none; needs the PostgreSQL driver).
     *
     * @throws JournalException if the database cannot be opened or its tables created
     */
    public static ModelRegistry open(String location, RegistryAudit audit) {
        Checks.notBlank(location, "location");
        return new ModelRegistry(RegistryDatabase.open(location), audit, InstantSource.system());
    }

    /** Opens or creates a registry in a SQLite file (a journal file may hold it too). */
    public static ModelRegistry sqlite(Path file, RegistryAudit audit) {
        return new ModelRegistry(RegistryDatabase.sqlite(Checks.notNull(file, "file")), audit, InstantSource.system());
    }

    /** Opens or creates the registry {@code name} in a PostgreSQL database shared with journals. */
    public static ModelRegistry postgres(String jdbcUrl, Properties connectionProperties, String name, RegistryAudit audit) {
        Checks.notBlank(jdbcUrl, "jdbcUrl");
        return new ModelRegistry(RegistryDatabase.postgres(jdbcUrl, Checks.notNull(connectionProperties,
                "connectionProperties"), Checks.notBlank(name, "name")), audit, InstantSource.system());
    }

    /** Where the registry lives, for messages (no credentials). */
    public String location() {
        return db.location();
    }

    // ------------------------------------------------------------------ queries

    /** Every version, in order of registration. */
    public synchronized List<ModelVersion> list() {
        return query("SELECT " + COLUMNS + " FROM model_versions WHERE registry = ? ORDER BY version", -1);
    }

    /**
     * The version {@code version}.
     *
     * @throws RegistryException.UnknownVersion if there is none
     */
    public synchronized ModelVersion get(long version) {
        List<ModelVersion> found = query("SELECT " + COLUMNS + " FROM model_versions WHERE registry = ? AND version = ?",
                version);
        if (found.isEmpty()) {
            throw new RegistryException.UnknownVersion(location(), "no version " + version + known());
        }
        return found.getFirst();
    }

    /** The champion, if one was promoted. */
    public synchronized Optional<ModelVersion> champion() {
        return list().stream().filter(v -> v.stage() == Stage.CHAMPION).findFirst();
    }

    /** The versions in {@code stage}, in order of registration. */
    public synchronized List<ModelVersion> inStage(Stage stage) {
        Checks.notNull(stage, "stage");
        return list().stream().filter(v -> v.stage() == stage).toList();
    }

    /** Every stage change, oldest first. */
    public synchronized List<StageChange> history() {
        List<StageChange> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT seq, version, from_stage, to_stage, move, actor, "
                + "reason, changed_at FROM model_stage_changes WHERE registry = ? ORDER BY seq")) {
            st.setString(1, db.name());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String from = rs.getString(3);
                    out.add(new StageChange(rs.getLong(1), rs.getLong(2), from.isEmpty() ? Optional.empty()
                            : Optional.of(Stage.valueOf(from)), Stage.valueOf(rs.getString(4)), Move.valueOf(rs.getString(5)),
                            rs.getString(6), rs.getString(7), Instant.parse(rs.getString(8))));
                }
            }
        } catch (SQLException e) {
            throw failure("could not read the history", e);
        }
        endRead();
        return out;
    }

    /** The stage changes of {@code version}, oldest first. */
    public synchronized List<StageChange> history(long version) {
        get(version);
        return history().stream().filter(c -> c.version() == version).toList();
    }

    /**
     * The champion a {@link #rollback} would restore: the one the current champion replaced
     * (champions form a stack: a promotion pushes, a rollback pops).
     */
    public synchronized Optional<ModelVersion> previousChampion() {
        List<Long> stack = championStack();
        return stack.size() < 2 ? Optional.empty() : Optional.of(get(stack.get(stack.size() - 2)));
    }

    private List<Long> championStack() {
        List<Long> stack = new ArrayList<>();
        for (StageChange c : history()) {
            if (c.to() == Stage.CHAMPION && c.move() == Move.PROMOTE) {
                stack.add(c.version());
            } else if (c.move() == Move.ROLL_BACK && !stack.isEmpty()) {
                stack.removeLast();
            }
        }
        return stack;
    }

    // ------------------------------------------------------------------ changes

    /**
     * Verifies a bundle and registers it as a {@link Stage#CANDIDATE}.
     *
     * @param bundle      a bundle directory or zip
     * @param dataDigest  SHA-256 of the training data, or empty to read it from the manifest
     * @param codeVersion the code that trained it, or empty to read it from the manifest
     * @param actor       who registers it
     * @param reason      why; may be empty
     * @return the new version
     * @throws RegistryException.BundleRejected if the bundle does not verify
     */
    public synchronized ModelVersion register(Path bundle, String dataDigest, String codeVersion, String actor,
            String reason) {
        Checks.notNull(bundle, "bundle");
        Checks.notNull(dataDigest, "dataDigest");
        Checks.notNull(codeVersion, "codeVersion");
        Checks.notBlank(actor, "actor");
        Checks.notNull(reason, "reason");
        Path absolute = bundle.toAbsolutePath().normalize();
        BundleManifest manifest = verified(absolute);
        String digest = digest(absolute);
        long version = nextVersion();
        ModelVersion v = new ModelVersion(version, manifest.bundleId(), manifest.bundleVersion(), digest,
                absolute.toString(), Stage.CANDIDATE, wallClock.instant(), Lineage.of(manifest, dataDigest, codeVersion));
        audit.record(event(v, NONE, Stage.CANDIDATE, Move.REGISTER, actor, reason));
        write("register " + absolute, () -> {
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO model_versions (registry, version, "
                    + "bundle_id, bundle_version, digest, location, stage, registered_at, lineage) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, db.name());
                st.setLong(2, v.version());
                st.setString(3, v.bundleId());
                st.setString(4, v.bundleVersion());
                st.setString(5, v.digest());
                st.setString(6, v.location());
                st.setString(7, v.stage().name());
                st.setString(8, v.registeredAt().toString());
                st.setString(9, lineageJson(v.lineage()));
                st.executeUpdate();
            }
            historyRow(v.version(), NONE, Stage.CANDIDATE, Move.REGISTER, actor, reason);
        });
        return v;
    }

    /**
     * Promotes {@code version} to {@code to} ({@link Stage#CHALLENGER} or {@link Stage#CHAMPION});
     * a new champion retires the old one ({@link Move#DISPLACE}). The bundle is verified first.
     *
     * @return the version as it is now
     * @throws RegistryException.UnknownVersion    if there is no such version
     * @throws RegistryException.IllegalTransition if {@link StageTable} does not allow it
     * @throws RegistryException.BundleRejected    if the bundle changed since it was registered
     */
    public synchronized ModelVersion promote(long version, Stage to, String actor, String reason) {
        Checks.notNull(to, "to");
        Checks.notBlank(actor, "actor");
        Checks.notNull(reason, "reason");
        ModelVersion v = get(version);
        StageTable.check(version, v.stage(), Move.PROMOTE, to);
        verify(version);
        Map<ModelVersion, Stage[]> moves = new LinkedHashMap<>();
        List<Move> kinds = new ArrayList<>();
        if (to == Stage.CHAMPION) {
            Optional<ModelVersion> old = champion();
            if (old.isPresent()) {
                StageTable.check(old.get().version(), Stage.CHAMPION, Move.DISPLACE, Stage.RETIRED);
                moves.put(old.get(), new Stage[] {Stage.CHAMPION, Stage.RETIRED});
                kinds.add(Move.DISPLACE);
            }
        }
        moves.put(v, new Stage[] {v.stage(), to});
        kinds.add(Move.PROMOTE);
        apply(moves, kinds, actor, reason);
        return get(version);
    }

    /**
     * Retires a candidate or challenger.
     *
     * @throws RegistryException.IllegalTransition for the champion (promote another or roll back) or a retired version
     */
    public synchronized ModelVersion retire(long version, String actor, String reason) {
        Checks.notBlank(actor, "actor");
        Checks.notNull(reason, "reason");
        ModelVersion v = get(version);
        StageTable.check(version, v.stage(), Move.RETIRE, Stage.RETIRED);
        Map<ModelVersion, Stage[]> moves = new LinkedHashMap<>();
        moves.put(v, new Stage[] {v.stage(), Stage.RETIRED});
        apply(moves, List.of(Move.RETIRE), actor, reason);
        return get(version);
    }

    /**
     * What a rollback did.
     *
     * @param demoted  the champion that was retired
     * @param restored the previous champion, champion again
     */
    public record Rollback(ModelVersion demoted, ModelVersion restored) {
        /** Validates. */
        public Rollback {
            Checks.notNull(demoted, "demoted");
            Checks.notNull(restored, "restored");
        }
    }

    /**
     * Retires the champion and restores the champion it replaced (verified first).
     *
     * @throws RegistryException.UnknownVersion if there is no champion or no previous champion
     * @throws RegistryException.BundleRejected if the previous champion's bundle changed
     */
    public synchronized Rollback rollback(String actor, String reason) {
        Checks.notBlank(actor, "actor");
        Checks.notNull(reason, "reason");
        ModelVersion current = champion().orElseThrow(() -> new RegistryException.UnknownVersion(location(),
                "no champion to roll back"));
        ModelVersion previous = previousChampion().orElseThrow(() -> new RegistryException.UnknownVersion(location(),
                "champion version " + current.version() + " replaced no earlier champion: nothing to roll back to"));
        StageTable.check(current.version(), current.stage(), Move.ROLL_BACK, Stage.RETIRED);
        StageTable.check(previous.version(), previous.stage(), Move.RESTORE, Stage.CHAMPION);
        verify(previous.version());
        Map<ModelVersion, Stage[]> moves = new LinkedHashMap<>();
        moves.put(current, new Stage[] {Stage.CHAMPION, Stage.RETIRED});
        moves.put(previous, new Stage[] {Stage.RETIRED, Stage.CHAMPION});
        apply(moves, List.of(Move.ROLL_BACK, Move.RESTORE), actor, reason);
        return new Rollback(get(current.version()), get(previous.version()));
    }

    /**
     * Verifies that version {@code version}'s bundle is intact and still the one registered.
     *
     * @return its manifest
     * @throws RegistryException.BundleRejected if it is missing, does not verify or has another SHA-256
     */
    public synchronized BundleManifest verify(long version) {
        ModelVersion v = get(version);
        Path bundle = Path.of(v.location());
        BundleManifest manifest = verified(bundle);
        String now = digest(bundle);
        if (!now.equals(v.digest())) {
            throw new RegistryException.BundleRejected(bundle, "has SHA-256 " + now + " but version " + version
                    + " was registered with " + v.digest() + ": the bundle changed since it was registered", null);
        }
        return manifest;
    }

    /**
     * SHA-256 of a bundle as the registry and the journal record it: of its
     * {@value ModelBundle#CHECKSUMS} for a directory, of the file for a zip.
     *
     * @throws RegistryException.BundleRejected if it cannot be read
     */
    public static String digest(Path bundle) {
        Checks.notNull(bundle, "bundle");
        Path file = Files.isDirectory(bundle) ? bundle.resolve(ModelBundle.CHECKSUMS) : bundle;
        try {
            return sha256(file);
        } catch (IOException e) {
            throw new RegistryException.BundleRejected(bundle, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lower-case hex SHA-256 of a file's bytes, read in blocks (for the training data's digest).
     *
     * @throws IOException if the file cannot be read
     */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(Checks.notNull(file, "file"))) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static BundleManifest verified(Path bundle) {
        try {
            return ModelBundle.verify(bundle);
        } catch (ModelLoadException e) {
            throw new RegistryException.BundleRejected(bundle, "does not verify: " + e.getMessage(), e);
        }
    }

    /** Audits, then commits, a set of moves (each version from its first stage to its second) with their history rows. */
    private void apply(Map<ModelVersion, Stage[]> moves, List<Move> kinds, String actor, String reason) {
        int k = 0;
        for (Map.Entry<ModelVersion, Stage[]> m : moves.entrySet()) {
            audit.record(event(m.getKey(), m.getValue()[0].name(), m.getValue()[1], kinds.get(k++), actor, reason));
        }
        write("change stages", () -> {
            int i = 0;
            for (Map.Entry<ModelVersion, Stage[]> m : moves.entrySet()) {
                long version = m.getKey().version();
                Stage from = m.getValue()[0];
                Stage to = m.getValue()[1];
                try (PreparedStatement st = connection.prepareStatement(
                        "UPDATE model_versions SET stage = ? WHERE registry = ? AND version = ? AND stage = ?")) {
                    st.setString(1, to.name());
                    st.setString(2, db.name());
                    st.setLong(3, version);
                    st.setString(4, from.name());
                    if (st.executeUpdate() != 1) {
                        throw new SQLException("version " + version + " is no longer " + from + " (changed concurrently)");
                    }
                }
                historyRow(version, from.name(), to, kinds.get(i++), actor, reason);
            }
        });
    }

    private JournalEvent.ModelStageChanged event(ModelVersion v, String from, Stage to, Move move, String actor,
            String reason) {
        return new JournalEvent.ModelStageChanged(location(), v.version(), v.bundleId(), v.bundleVersion(), v.digest(), from,
                to.name(), move.name(), actor, reason);
    }

    private void historyRow(long version, String from, Stage to, Move move, String actor, String reason) throws SQLException {
        long seq;
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) FROM model_stage_changes WHERE registry = ?")) {
            st.setString(1, db.name());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                seq = rs.getLong(1) + 1;
            }
        }
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO model_stage_changes (registry, seq, version, "
                + "from_stage, to_stage, move, actor, reason, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, db.name());
            st.setLong(2, seq);
            st.setLong(3, version);
            st.setString(4, from);
            st.setString(5, to.name());
            st.setString(6, move.name());
            st.setString(7, actor);
            st.setString(8, reason);
            st.setString(9, wallClock.instant().toString());
            st.executeUpdate();
        }
    }

    private long nextVersion() {
        long next;
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT COALESCE(MAX(version), 0) FROM model_versions WHERE registry = ?")) {
            st.setString(1, db.name());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                next = rs.getLong(1) + 1;
            }
        } catch (SQLException e) {
            throw failure("could not read the versions", e);
        }
        endRead();
        return next;
    }

    /** SQL that runs in one transaction. */
    @FunctionalInterface
    private interface Transaction {
        void run() throws SQLException;
    }

    private void write(String what, Transaction tx) {
        try {
            tx.run();
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // The original failure is what the caller needs to see.
            }
            throw failure("could not " + what + " (the audit journal may already hold the change)", e);
        }
    }

    private static final String COLUMNS = "version, bundle_id, bundle_version, digest, location, stage, registered_at, lineage";

    private List<ModelVersion> query(String sql, long version) {
        List<ModelVersion> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, db.name());
            if (version >= 0) {
                st.setLong(2, version);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ModelVersion(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Stage.valueOf(rs.getString(6)), Instant.parse(rs.getString(7)),
                            lineage(rs.getString(8))));
                }
            }
        } catch (SQLException e) {
            throw failure("could not read the versions", e);
        }
        endRead();
        return out;
    }

    /** Ends a read transaction once its statements are closed (an open statement would keep SQLite's snapshot). */
    private void endRead() {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw failure("could not end a read", e);
        }
    }

    private String known() {
        List<ModelVersion> all = list();
        return all.isEmpty() ? " (the registry is empty)" : " (versions 1 to " + all.getLast().version() + ")";
    }

    private static String lineageJson(Lineage l) {
        ObjectNode o = JSON.createObjectNode();
        l.trainingFrom().ifPresent(t -> o.put("trainingFrom", t.toString()));
        l.trainingTo().ifPresent(t -> o.put("trainingTo", t.toString()));
        o.put("trainingRows", l.trainingRows());
        o.put("dataDigest", l.dataDigest());
        o.put("featureSpecHash", l.featureSpecHash());
        o.put("codeVersion", l.codeVersion());
        ObjectNode metrics = o.putObject("validation");
        l.validation().forEach(metrics::put);
        return JSON.writeValueAsString(o);
    }

    private static Lineage lineage(String json) {
        JsonNode o = JSON.readTree(json);
        Map<String, Double> metrics = new LinkedHashMap<>();
        o.get("validation").properties().forEach(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
        return new Lineage(Optional.ofNullable(o.get("trainingFrom")).map(n -> Instant.parse(n.asString())),
                Optional.ofNullable(o.get("trainingTo")).map(n -> Instant.parse(n.asString())), o.get("trainingRows").asInt(),
                o.get("dataDigest").asString(), o.get("featureSpecHash").asString(), o.get("codeVersion").asString(), metrics);
    }

    private JournalException failure(String what, SQLException e) {
        return new JournalException("registry " + location() + ": " + what + ": " + e.getMessage(), e);
    }

    /** Closes the database connection. */
    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("could not close", e);
        }
    }
}
