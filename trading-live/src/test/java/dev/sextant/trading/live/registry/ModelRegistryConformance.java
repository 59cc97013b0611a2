package dev.sextant.trading.live.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every registry database must do; subclasses give a fresh registry on SQLite or PostgreSQL. */
public abstract class ModelRegistryConformance {

    @TempDir
    public Path dir;

    /** Stage changes the registry gave its audit, in order. */
    protected final List<JournalEvent.ModelStageChanged> audited = new ArrayList<>();

    /** A fresh, empty registry that audits into {@link #audited}. */
    protected abstract ModelRegistry fresh();

    @Test
    public void registersAVerifiedBundleAsACandidateWithItsLineage() {
        Path bundle = TestBundles.write(dir, "a");
        BundleManifest manifest = ModelBundle.verify(bundle);
        try (ModelRegistry registry = fresh()) {
            ModelVersion v = registry.register(bundle, "", "", "alice", "first");
            assertEquals(1, v.version());
            assertEquals(Stage.CANDIDATE, v.stage());
            assertEquals(ModelRegistry.digest(bundle), v.digest());
            assertEquals(bundle.toAbsolutePath().toString(), v.location());
            assertEquals("ar", v.bundleId());
            Lineage l = v.lineage();
            assertEquals(manifest.trainingWindow().orElseThrow().from(), l.trainingFrom().orElseThrow());
            assertEquals(manifest.trainingWindow().orElseThrow().to(), l.trainingTo().orElseThrow());
            assertEquals(manifest.featureSpecHash(), l.featureSpecHash());
            assertEquals("ab".repeat(32), l.dataDigest());
            assertEquals("sextant-test 0.1", l.codeVersion());
            assertEquals(manifest.validation().orElseThrow().metrics().get("ensemble-calibrated").logLoss(),
                    l.validationLogLoss().orElseThrow(), 0);
            assertEquals(v, registry.get(1));
            assertEquals(List.of(v), registry.list());
            StageChange c = registry.history(1).getFirst();
            assertEquals(Optional.empty(), c.from());
            assertEquals(Move.REGISTER, c.move());
            assertEquals("alice", c.actor());
            assertEquals("first", c.reason());
        }
        assertEquals(1, audited.size());
        assertEquals("REGISTER", audited.getFirst().move());
    }

    @Test
    public void promotingAChampionRetiresTheOldOneAndAuditsBothMoves() {
        try (ModelRegistry registry = fresh()) {
            registry.register(TestBundles.write(dir, "a"), "", "", "alice", "");
            registry.register(TestBundles.write(dir, "b"), "", "", "alice", "");
            registry.promote(1, Stage.CHAMPION, "alice", "bootstrap");
            registry.promote(2, Stage.CHALLENGER, "bob", "shadow it");
            ModelVersion two = registry.promote(2, Stage.CHAMPION, "bob", "DM test p=0.01");
            assertEquals(Stage.CHAMPION, two.stage());
            assertEquals(Stage.RETIRED, registry.get(1).stage());
            assertEquals(Optional.of(two), registry.champion());
            assertEquals(1, registry.previousChampion().orElseThrow().version());
            List<String> moves = audited.stream().map(e -> e.version() + " " + e.fromStage() + ">" + e.toStage() + " "
                    + e.move()).toList();
            assertEquals(List.of("1 >CANDIDATE REGISTER", "2 >CANDIDATE REGISTER", "1 CANDIDATE>CHAMPION PROMOTE",
                    "2 CANDIDATE>CHALLENGER PROMOTE", "1 CHAMPION>RETIRED DISPLACE", "2 CHALLENGER>CHAMPION PROMOTE"), moves);
            assertEquals("DM test p=0.01", audited.getLast().reason());
        }
    }

    @Test
    public void rollbackRestoresTheChampionTheCurrentOneReplacedAndRollsBackFurtherEachTime() {
        try (ModelRegistry registry = fresh()) {
            for (String name : List.of("a", "b", "c")) {
                registry.register(TestBundles.write(dir, name), "", "", "alice", "");
            }
            registry.promote(1, Stage.CHAMPION, "alice", "");
            registry.promote(2, Stage.CHAMPION, "alice", "");
            registry.promote(3, Stage.CHAMPION, "alice", "");
            ModelRegistry.Rollback first = registry.rollback("pager", "live loss too high");
            assertEquals(3, first.demoted().version());
            assertEquals(Stage.RETIRED, first.demoted().stage());
            assertEquals(2, first.restored().version());
            assertEquals(Stage.CHAMPION, first.restored().stage());
            ModelRegistry.Rollback second = registry.rollback("pager", "again");
            assertEquals(1, second.restored().version());
            RegistryException.UnknownVersion none = assertThrows(RegistryException.UnknownVersion.class,
                    () -> registry.rollback("pager", "once more"));
            assertTrue(none.getMessage().contains("nothing to roll back to"), none.getMessage());
            assertEquals(List.of("ROLL_BACK", "RESTORE"), audited.subList(audited.size() - 2, audited.size()).stream()
                    .map(JournalEvent.ModelStageChanged::move).toList());
        }
    }

    @Test
    public void anUnknownVersionIsATypedErrorNamingTheKnownRange() {
        try (ModelRegistry registry = fresh()) {
            RegistryException.UnknownVersion empty = assertThrows(RegistryException.UnknownVersion.class, () -> registry.get(7));
            assertTrue(empty.getMessage().endsWith("no version 7 (the registry is empty)"), empty.getMessage());
            registry.register(TestBundles.write(dir, "a"), "", "", "alice", "");
            RegistryException.UnknownVersion e = assertThrows(RegistryException.UnknownVersion.class,
                    () -> registry.promote(7, Stage.CHAMPION, "alice", ""));
            assertTrue(e.getMessage().endsWith("no version 7 (versions 1 to 1)"), e.getMessage());
            assertThrows(RegistryException.UnknownVersion.class, () -> registry.rollback("alice", ""));
        }
    }

    @Test
    public void illegalStageChangesAreTypedErrorsAndChangeNothing() {
        try (ModelRegistry registry = fresh()) {
            registry.register(TestBundles.write(dir, "a"), "", "", "alice", "");
            registry.register(TestBundles.write(dir, "b"), "", "", "alice", "");
            registry.promote(1, Stage.CHAMPION, "alice", "");
            RegistryException.IllegalTransition retireChampion = assertThrows(RegistryException.IllegalTransition.class,
                    () -> registry.retire(1, "alice", ""));
            assertEquals("version 1 is CHAMPION: RETIRE to RETIRED is not a legal stage change (promote another version "
                    + "to champion or roll back instead)", retireChampion.getMessage());
            registry.retire(2, "alice", "not needed");
            RegistryException.IllegalTransition revive = assertThrows(RegistryException.IllegalTransition.class,
                    () -> registry.promote(2, Stage.CHAMPION, "alice", ""));
            assertEquals(Stage.RETIRED, revive.from());
            assertThrows(RegistryException.IllegalTransition.class, () -> registry.promote(1, Stage.CHALLENGER, "alice", ""));
            assertThrows(RegistryException.IllegalTransition.class, () -> registry.promote(1, Stage.CANDIDATE, "alice", ""));
            assertEquals(Stage.CHAMPION, registry.get(1).stage());
            assertEquals(Stage.RETIRED, registry.get(2).stage());
        }
    }

    @Test
    public void aBundleChangedAfterRegistrationIsRejectedBeforePromotion() throws IOException {
        Path bundle = TestBundles.write(dir, "a");
        try (ModelRegistry registry = fresh()) {
            registry.register(bundle, "", "", "alice", "");
            // Edit the manifest and re-seal it: the bundle verifies on its own, but is no longer the one registered.
            Path manifest = bundle.resolve(ModelBundle.MANIFEST);
            Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"variant\"(\\s*):(\\s*)\"a\"", "\"variant\"$1:$2\"z\""));
            assertTrue(Files.readString(manifest).matches("(?s).*\"variant\"\\s*:\\s*\"z\".*"), "the manifest was edited");
            ModelBundle.seal(bundle);
            int auditedBefore = audited.size();
            RegistryException.BundleRejected e = assertThrows(RegistryException.BundleRejected.class,
                    () -> registry.promote(1, Stage.CHAMPION, "alice", ""));
            assertTrue(e.getMessage().contains("changed since it was registered"), e.getMessage());
            assertEquals(Stage.CANDIDATE, registry.get(1).stage());
            assertEquals(auditedBefore, audited.size(), "nothing is audited for a refused change");
        }
    }

    @Test
    public void aBundleThatDoesNotVerifyIsNotRegistered() throws IOException {
        Path bundle = TestBundles.write(dir, "a");
        String file = ModelBundle.verify(bundle).models().getFirst().file();
        Files.write(bundle.resolve(file), "tampered".getBytes(StandardCharsets.UTF_8));
        try (ModelRegistry registry = fresh()) {
            RegistryException.BundleRejected e = assertThrows(RegistryException.BundleRejected.class,
                    () -> registry.register(bundle, "", "", "alice", ""));
            assertTrue(e.getMessage().startsWith("bundle " + bundle.toAbsolutePath()), e.getMessage());
            assertTrue(registry.list().isEmpty());
            assertFalse(audited.stream().anyMatch(a -> true));
        }
    }
}
