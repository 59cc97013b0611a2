package dev.sextant.examples.cli;

import dev.sextant.trading.live.Journal;
import dev.sextant.trading.live.JournalStores;
import dev.sextant.trading.live.registry.Lineage;
import dev.sextant.trading.live.registry.ModelRegistry;
import dev.sextant.trading.live.registry.ModelVersion;
import dev.sextant.trading.live.registry.RegistryAudit;
import dev.sextant.trading.live.registry.Stage;
import dev.sextant.trading.live.registry.StageChange;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code sextant models ...}: the model registry from the command line. Every change is journaled
 * in the journal of the registry's database (a {@code ModelStageChanged} event) before it is
 * committed. Run changes while no session writes to that journal (a running session changes its
 * models through the API).
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Register model bundles and move them between stages (candidate, challenger, champion, retired).",
        subcommands = {ModelsCommand.Register.class, ModelsCommand.ListVersions.class, ModelsCommand.Show.class,
                ModelsCommand.Promote.class, ModelsCommand.Retire.class, ModelsCommand.Rollback.class})
public final class ModelsCommand {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ModelsCommand() {
    }

    /** Options every subcommand shares. */
    static class Common {
        @Spec
        CommandSpec spec;

        @Option(names = "--registry", required = true,
                description = "The registry: a SQLite file (the journal's), or jdbc:postgresql://host:port/db?user=..#name.")
        String registry;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        // No standard -V/--version here: --version names a model version.
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** Opens the registry, with its changes journaled in the same database. */
        <T> T withRegistry(boolean create, Function<ModelRegistry, T> action) {
            if (!create && !registry.startsWith("jdbc:") && !Files.isRegularFile(Path.of(registry))) {
                throw new UncheckedIOException("--registry " + registry, new NoSuchFileException(registry));
            }
            try (Journal journal = Journal.open(JournalStores.open(registry));
                 ModelRegistry r = ModelRegistry.open(registry, RegistryAudit.journal(journal, InstantSource.system()))) {
                return action.apply(r);
            }
        }

        void print(ModelVersion v, List<StageChange> history) {
            if (json) {
                ObjectNode o = json(v);
                if (history != null) {
                    ArrayNode h = o.putArray("history");
                    history.forEach(c -> h.add(json(c)));
                }
                out().println(JSON.writeValueAsString(o));
                return;
            }
            PrintWriter w = out();
            w.printf("version %d  %s  %s %s%n", v.version(), v.stage(), v.bundleId(), v.bundleVersion());
            if (history == null) {
                return;
            }
            Lineage l = v.lineage();
            w.printf("  bundle       %s%n", v.location());
            w.printf("  sha256       %s%n", v.digest());
            w.printf("  registered   %s%n", v.registeredAt());
            w.printf("  training     %s%n", l.trainingFrom().isPresent() ? l.trainingFrom().get() + " .. "
                    + l.trainingTo().orElseThrow() + " (" + l.trainingRows() + " rows)" : "not recorded");
            w.printf("  data sha256  %s%n", l.dataDigest().isEmpty() ? "not recorded" : l.dataDigest());
            w.printf("  feature spec %s%n", l.featureSpecHash());
            w.printf("  code         %s%n", l.codeVersion().isEmpty() ? "not recorded" : l.codeVersion());
            w.printf("  validation   %s%n", l.validation().isEmpty() ? "none" : String.join(", ",
                    l.validation().entrySet().stream().map(e -> e.getKey() + " " + format(e.getValue())).toList()));
            w.println("  history");
            for (StageChange c : history) {
                w.printf("    %d  %s  %s -> %s  %s by %s%s%n", c.seq(), c.at(), c.from().map(Stage::name).orElse("(new)"),
                        c.to(), c.move(), c.actor(), c.reason().isEmpty() ? "" : ": " + c.reason());
            }
        }

        private static String format(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value)
                    : String.format(Locale.ROOT, "%.4f", value);
        }
    }

    /** Options of the subcommands that change stages. */
    static class Change extends Common {
        @Option(names = "--actor", description = "Who makes the change (default: the user name).")
        String actor = System.getProperty("user.name", "operator");

        @Option(names = "--reason", defaultValue = "", description = "Why, for the history and the journal.")
        String reason;
    }

    static ObjectNode json(ModelVersion v) {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", v.version());
        o.put("stage", v.stage().name().toLowerCase(Locale.ROOT));
        o.put("bundle_id", v.bundleId());
        o.put("bundle_version", v.bundleVersion());
        o.put("sha256", v.digest());
        o.put("location", v.location());
        o.put("registered_at", v.registeredAt().toString());
        Lineage l = v.lineage();
        ObjectNode lineage = o.putObject("lineage");
        l.trainingFrom().ifPresent(t -> lineage.put("training_from", t.toString()));
        l.trainingTo().ifPresent(t -> lineage.put("training_to", t.toString()));
        lineage.put("training_rows", l.trainingRows());
        lineage.put("data_sha256", l.dataDigest());
        lineage.put("feature_spec_hash", l.featureSpecHash());
        lineage.put("code_version", l.codeVersion());
        ObjectNode validation = lineage.putObject("validation");
        for (Map.Entry<String, Double> e : l.validation().entrySet()) {
            validation.put(e.getKey(), e.getValue());
        }
        return o;
    }

    static ObjectNode json(StageChange c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("seq", c.seq());
        o.put("version", c.version());
        o.put("from", c.from().map(s -> s.name().toLowerCase(Locale.ROOT)).orElse(""));
        o.put("to", c.to().name().toLowerCase(Locale.ROOT));
        o.put("move", c.move().name().toLowerCase(Locale.ROOT));
        o.put("actor", c.actor());
        o.put("reason", c.reason());
        o.put("at", c.at().toString());
        return o;
    }

    /** {@code sextant models register --registry R --bundle B}. */
    @Command(name = "register",
            description = "Verify a bundle (checksums of manifest and model files) and register it as a candidate.")
    static final class Register extends Change implements Callable<Integer> {
        @Option(names = "--bundle", required = true, description = "The bundle directory or zip (referenced, not copied).")
        Path bundle;

        @Option(names = "--data", description = "The training data file, to record its SHA-256 (default: the manifest's dataDigest).")
        Path data;

        @Option(names = "--code-version", defaultValue = "",
                description = "The code that trained it (default: the manifest's codeVersion or tool).")
        String codeVersion;

        @Override
        public Integer call() {
            String dataDigest = "";
            if (data != null) {
                try {
                    dataDigest = ModelRegistry.sha256(data);
                } catch (IOException e) {
                    throw new UncheckedIOException("--data " + data, e);
                }
            }
            String digest = dataDigest;
            ModelVersion v = withRegistry(true, r -> r.register(bundle, digest, codeVersion, actor, reason));
            if (json) {
                print(v, null);
            } else {
                out().printf("registered version %d: %s %s (sha256 %s) as candidate%n", v.version(), v.bundleId(),
                        v.bundleVersion(), v.digest());
            }
            return 0;
        }
    }

    /** {@code sextant models list --registry R}. */
    @Command(name = "list", description = "List the versions, oldest first.")
    static final class ListVersions extends Common implements Callable<Integer> {
        @Option(names = "--stage", description = "Only versions in this stage: ${COMPLETION-CANDIDATES}.",
                converter = StageConverter.class)
        Stage stage;

        @Override
        public Integer call() {
            List<ModelVersion> versions = withRegistry(false, r -> stage == null ? r.list() : r.inStage(stage));
            if (json) {
                ArrayNode a = JSON.createArrayNode();
                versions.forEach(v -> a.add(json(v)));
                out().println(JSON.writeValueAsString(a));
            } else if (versions.isEmpty()) {
                out().println("no versions" + (stage == null ? "" : " in stage " + stage));
            } else {
                versions.forEach(v -> print(v, null));
            }
            return 0;
        }
    }

    /** {@code sextant models show --registry R --version N}. */
    @Command(name = "show", description = "Show a version's lineage and stage history.")
    static final class Show extends Common implements Callable<Integer> {
        @Option(names = "--version", required = true, description = "The registry's version number.")
        long version;

        @Override
        public Integer call() {
            withRegistry(false, r -> {
                print(r.get(version), r.history(version));
                return null;
            });
            return 0;
        }
    }

    /** {@code sextant models promote --registry R --version N --to challenger|champion}. */
    @Command(name = "promote",
            description = "Promote a version to challenger or champion (the bundle is verified again; a new champion "
                    + "retires the old one).")
    static final class Promote extends Change implements Callable<Integer> {
        @Option(names = "--version", required = true, description = "The registry's version number.")
        long version;

        @Option(names = "--to", required = true, description = "challenger or champion.", converter = StageConverter.class)
        Stage to;

        @Override
        public Integer call() {
            ModelVersion v = withRegistry(false, r -> r.promote(version, to, actor, reason));
            if (json) {
                print(v, null);
            } else {
                out().printf("version %d (%s %s) is now %s%n", v.version(), v.bundleId(), v.bundleVersion(), v.stage());
            }
            return 0;
        }
    }

    /** {@code sextant models retire --registry R --version N}. */
    @Command(name = "retire", description = "Retire a candidate or challenger.")
    static final class Retire extends Change implements Callable<Integer> {
        @Option(names = "--version", required = true, description = "The registry's version number.")
        long version;

        @Override
        public Integer call() {
            ModelVersion v = withRegistry(false, r -> r.retire(version, actor, reason));
            if (json) {
                print(v, null);
            } else {
                out().printf("version %d (%s %s) is now %s%n", v.version(), v.bundleId(), v.bundleVersion(), v.stage());
            }
            return 0;
        }
    }

    /** {@code sextant models rollback --registry R}. */
    @Command(name = "rollback",
            description = "Retire the champion and restore the champion it replaced (verified again).")
    static final class Rollback extends Change implements Callable<Integer> {
        @Override
        public Integer call() {
            ModelRegistry.Rollback done = withRegistry(false, r -> r.rollback(actor, reason));
            if (json) {
                ObjectNode o = JSON.createObjectNode();
                o.set("demoted", json(done.demoted()));
                o.set("restored", json(done.restored()));
                out().println(JSON.writeValueAsString(o));
            } else {
                out().printf("rolled back: version %d retired, version %d (%s %s) is champion again%n",
                        done.demoted().version(), done.restored().version(), done.restored().bundleId(),
                        done.restored().bundleVersion());
            }
            return 0;
        }
    }

    /** Reads a stage name in any case. */
    static final class StageConverter implements picocli.CommandLine.ITypeConverter<Stage> {
        @Override
        public Stage convert(String value) {
            try {
                return Stage.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a stage (candidate, challenger, champion, retired)");
            }
        }
    }
}
