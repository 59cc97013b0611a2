package dev.sextant.examples.cli;

import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.live.AuditTrail;
import dev.sextant.trading.live.AuditVerification;
import dev.sextant.trading.live.JournalStore;
import dev.sextant.trading.live.JournalStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sextant audit ...}: check and export a session journal. */
@Command(name = "audit", description = "Verify a session journal's hash chain, or export it per order for compliance.",
        mixinStandardHelpOptions = true, subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
public final class AuditCommand {

    /** Exit code of {@code audit verify} when a record fails verification. */
    public static final int EXIT_NOT_INTACT = 3;

    private AuditCommand() {
    }

    /** Opens an existing journal read-only in intent: a SQLite path that must exist, or a {@code jdbc:postgresql:} URL. */
    static JournalStore openExisting(String journal) {
        if (!journal.startsWith("jdbc:") && !Files.isRegularFile(Path.of(journal))) {
            throw new IllegalArgumentException("--journal " + journal + ": no such file");
        }
        return JournalStores.open(journal);
    }

    /** {@code sextant audit verify --journal J}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every record's sequence number and chained SHA-256 and every checkpoint. "
                    + "Exit 0 when intact, " + EXIT_NOT_INTACT + " naming the first sequence number that fails.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--journal", required = true,
                description = "The journal: a SQLite file, or jdbc:postgresql://host:port/db?user=..#journal-name.")
        String journal;

        @Override
        public Integer call() {
            try (JournalStore store = openExisting(journal)) {
                AuditVerification result = AuditTrail.verify(store);
                switch (result) {
                    case AuditVerification.Intact ok -> {
                        spec.commandLine().getOut().printf("intact: %d records, head %s, %d checkpoints%n",
                                ok.records(), ok.headHash(), ok.checkpoints());
                        return 0;
                    }
                    case AuditVerification.Broken broken -> {
                        spec.commandLine().getErr().printf("error: journal %s fails at seq %d: %s%n",
                                store.location(), broken.seq(), broken.problem());
                        return EXIT_NOT_INTACT;
                    }
                }
            }
        }
    }

    /** {@code sextant audit export --journal J --output F}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write JSON lines, one object per order: decision, signal, pre-trade checks, request, "
                    + "cancels, venue events and fills, each with its sequence number and timestamps.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--journal", required = true,
                description = "The journal: a SQLite file, or jdbc:postgresql://host:port/db?user=..#journal-name.")
        String journal;

        @Option(names = "--output", required = true, description = "The JSON lines file to write.")
        Path output;

        @Option(names = "--model-events", paramLabel = "FILE",
                description = "Also write the model events (drift alerts, model stage changes, rollbacks) as JSON lines, "
                        + "one per event, to FILE.")
        Path modelEvents;

        @Override
        public Integer call() {
            try (JournalStore store = openExisting(journal)) {
                // Each file replaces its previous version atomically: a journal that fails to decode
                // half-way leaves the previous export as it was.
                int[] orders = new int[1];
                AtomicFileWriter.writeText(output, out -> orders[0] = AuditTrail.exportOrders(store, out));
                spec.commandLine().getOut().printf("wrote %d orders to %s%n", orders[0], output);
                if (modelEvents != null) {
                    int[] events = new int[1];
                    try {
                        AtomicFileWriter.writeText(modelEvents, out -> events[0] = AuditTrail.exportModelEvents(store, out));
                    } catch (IOException e) {
                        throw new UncheckedIOException("--model-events " + modelEvents + ": " + e.getMessage(), e);
                    }
                    spec.commandLine().getOut().printf("wrote %d model events to %s%n", events[0], modelEvents);
                }
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException("--output " + output + ": " + e.getMessage(), e);
            }
        }
    }
}
