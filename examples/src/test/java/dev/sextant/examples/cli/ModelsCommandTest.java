package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.live.registry.ModelRegistry;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ModelsCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path trained;
    @TempDir
    Path dir;

    /** Two real bundles trained on the Bitstamp 1-minute bars by {@code sextant train}. */
    @BeforeAll
    static void trainTwoBundles() {
        for (String version : List.of("1", "2")) {
            CliRunner.Result r = CliRunner.run("train", "--input", CliRunner.BITSTAMP.toString(), "--models", "logistic",
                    "--horizon", "5", "--output", trained.resolve("btc-" + version).toString(), "--bundle-id", "btc",
                    "--bundle-version", version, "--seed", version);
            assertEquals(0, r.exitCode(), r.err());
        }
    }

    private static Path bundle(String version) {
        return trained.resolve("btc-" + version);
    }

    private String registry() {
        return dir.resolve("journal.db").toString();
    }

    private CliRunner.Result ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
        return r;
    }

    /** Runs a command that must fail with exit code 2 and one line on standard error; returns that line. */
    private static String badInput(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.out() + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.getFirst().startsWith("error: "), r.err());
        return lines.getFirst();
    }

    private void registerBoth() {
        ok("models", "register", "--registry", registry(), "--bundle", bundle("1").toString(), "--data",
                CliRunner.BITSTAMP.toString(), "--actor", "alice", "--reason", "first model");
        ok("models", "register", "--registry", registry(), "--bundle", bundle("2").toString(), "--actor", "alice");
    }

    @Test
    void registersPromotesAndRollsBackRealBundlesWithEveryChangeJournaled() throws IOException {
        registerBoth();
        ok("models", "promote", "--registry", registry(), "--version", "1", "--to", "champion", "--actor", "alice",
                "--reason", "bootstrap");
        ok("models", "promote", "--registry", registry(), "--version", "2", "--to", "challenger", "--actor", "alice");
        CliRunner.Result promoted = ok("models", "promote", "--registry", registry(), "--version", "2", "--to", "champion",
                "--actor", "bob", "--reason", "better log loss");
        assertEquals("version 2 (btc 2) is now CHAMPION\n", promoted.out());

        JsonNode listed = JSON.readTree(ok("models", "list", "--registry", registry(), "--json").out());
        assertEquals(2, listed.size());
        assertEquals("retired", listed.get(0).get("stage").asString());
        assertEquals("champion", listed.get(1).get("stage").asString());

        JsonNode one = JSON.readTree(ok("models", "show", "--registry", registry(), "--version", "1", "--json").out());
        assertEquals(ModelRegistry.sha256(CliRunner.BITSTAMP), one.get("lineage").get("data_sha256").asString());
        assertEquals(ModelBundle.verify(bundle("1")).featureSpecHash(), one.get("lineage").get("feature_spec_hash").asString());
        assertTrue(one.get("lineage").get("code_version").asString().startsWith("sextant train"));
        assertTrue(one.get("lineage").get("validation").get("logLoss").asDouble() > 0);
        assertTrue(one.get("lineage").has("training_from"));
        List<String> moves = one.get("history").valueStream().map(h -> h.get("move").asString() + " by "
                + h.get("actor").asString()).toList();
        assertEquals(List.of("register by alice", "promote by alice", "displace by bob"), moves);

        CliRunner.Result shown = ok("models", "show", "--registry", registry(), "--version", "2");
        assertTrue(shown.out().startsWith("version 2  CHAMPION  btc 2\n"), shown.out());
        assertTrue(shown.out().contains("CHALLENGER -> CHAMPION  PROMOTE by bob: better log loss"), shown.out());

        CliRunner.Result rolled = ok("models", "rollback", "--registry", registry(), "--actor", "pager", "--reason", "loss");
        assertEquals("rolled back: version 2 retired, version 1 (btc 1) is champion again\n", rolled.out());
        JsonNode champions = JSON.readTree(ok("models", "list", "--registry", registry(), "--stage", "champion", "--json").out());
        assertEquals(1, champions.size());
        assertEquals(1, champions.get(0).get("version").asInt());

        // Every change is in the hash-chained journal of the same database, which verifies.
        CliRunner.Result verified = ok("audit", "verify", "--journal", registry());
        assertTrue(verified.out().startsWith("intact: 8 records"), verified.out());
    }

    @Test
    void anUnknownVersionIsAnErrorNamingTheKnownVersions() {
        registerBoth();
        String line = badInput("models", "show", "--registry", registry(), "--version", "9");
        assertTrue(line.endsWith("no version 9 (versions 1 to 2)"), line);
        badInput("models", "promote", "--registry", registry(), "--version", "9", "--to", "champion");
    }

    @Test
    void anIllegalStageChangeIsAnErrorAndChangesNothing() throws IOException {
        registerBoth();
        ok("models", "promote", "--registry", registry(), "--version", "1", "--to", "champion");
        String line = badInput("models", "retire", "--registry", registry(), "--version", "1");
        assertTrue(line.contains("version 1 is CHAMPION: RETIRE to RETIRED is not a legal stage change"), line);
        line = badInput("models", "promote", "--registry", registry(), "--version", "1", "--to", "challenger");
        assertTrue(line.contains("version 1 is CHAMPION: PROMOTE to CHALLENGER"), line);
        line = badInput("models", "rollback", "--registry", registry());
        assertTrue(line.contains("nothing to roll back to"), line);
        JsonNode one = JSON.readTree(ok("models", "show", "--registry", registry(), "--version", "1", "--json").out());
        assertEquals("champion", one.get("stage").asString());
    }

    @Test
    void aTamperedBundleIsRefusedAtRegistrationAndAtPromotion() throws IOException {
        registerBoth();
        Path copy = dir.resolve("copy");
        try (var files = Files.walk(bundle("2"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(bundle("2").relativize(f).toString()));
            }
        }
        ok("models", "register", "--registry", registry(), "--bundle", copy.toString());
        String model = ModelBundle.verify(copy).models().getFirst().file();
        Files.writeString(copy.resolve(model), "{}");
        String line = badInput("models", "promote", "--registry", registry(), "--version", "3", "--to", "champion");
        assertTrue(line.startsWith("error: bundle " + copy.toAbsolutePath() + ": does not verify"), line);
        line = badInput("models", "register", "--registry", registry(), "--bundle", copy.toString());
        assertTrue(line.contains("does not verify"), line);
        JsonNode listed = JSON.readTree(ok("models", "list", "--registry", registry(), "--json").out());
        assertEquals(3, listed.size());
        assertEquals("candidate", listed.get(2).get("stage").asString());
    }

    @Test
    void badOptionsAreOneLineErrors() {
        String line = badInput("models", "list", "--registry", dir.resolve("absent.db").toString());
        assertTrue(line.contains("absent.db: no such file"), line);
        registerBoth();
        line = badInput("models", "promote", "--registry", registry(), "--version", "1", "--to", "boss");
        assertTrue(line.contains("'boss' is not a stage"), line);
        line = badInput("models", "register", "--registry", registry(), "--bundle", dir.resolve("nothing").toString());
        assertTrue(line.contains("nothing"), line);
    }
}
