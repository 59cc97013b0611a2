package dev.sextant.trading.live.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.sextant.trading.live.AuditTrail;
import dev.sextant.trading.live.AuditVerification;
import dev.sextant.trading.live.Journal;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalStores;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry on SQLite (the default), plus what only the embedded database shows. */
class ModelRegistryTest extends ModelRegistryConformance {

    @Override
    protected ModelRegistry fresh() {
        return ModelRegistry.sqlite(dir.resolve("registry.db"), audited::add);
    }

    @Test
    void livesInTheJournalsSqliteFileAndJournalsItsChangesThere() {
        java.nio.file.Path file = dir.resolve("journal.db");
        try (Journal journal = Journal.open(JournalStores.sqlite(file));
             ModelRegistry registry = ModelRegistry.sqlite(file, RegistryAudit.journal(journal, InstantSource.system()))) {
            registry.register(TestBundles.write(dir, "a"), "", "", "alice", "");
            registry.promote(1, Stage.CHAMPION, "alice", "bootstrap");
        }
        List<JournalEvent> events = new ArrayList<>();
        try (Journal journal = Journal.open(JournalStores.sqlite(file))) {
            journal.replay(1, r -> events.add(r.event()));
        }
        assertEquals(2, events.size());
        JournalEvent.ModelStageChanged promoted = assertInstanceOf(JournalEvent.ModelStageChanged.class, events.get(1));
        assertEquals("CHAMPION", promoted.toStage());
        assertEquals("bootstrap", promoted.reason());
        try (var store = JournalStores.sqlite(file)) {
            assertInstanceOf(AuditVerification.Intact.class, AuditTrail.verify(store));
        }
        try (ModelRegistry reopened = ModelRegistry.sqlite(file, RegistryAudit.none())) {
            assertEquals(Stage.CHAMPION, reopened.get(1).stage());
        }
    }
}
