package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The console: quiet by default, INFO with --verbose, DEBUG with --debug, progress lines off a terminal. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SextantCliTest {
    @TempDir
    Path dir;

    /** What a child JVM running {@code sextant ARGS} (through main, as the jar does) printed. */
    private record Child(int exitCode, String out, String err) {
    }

    private Child sextant(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED",
                SextantCli.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        // Output to files, not a terminal: System.console() is not a terminal in the child.
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(4, TimeUnit.MINUTES), "sextant " + String.join(" ", args) + " did not finish");
        return new Child(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private String[] train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--input", CliRunner.BITSTAMP.toAbsolutePath().toString(),
                "--set", "standard-24", "--models", "logistic", "--output", dir.resolve("bundle-" + extra.length).toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static List<String> logLines(String err, String level) {
        return err.lines().filter(l -> l.contains(" " + level + " ") || l.startsWith(level + " ")).toList();
    }

    @Test
    void aDefaultRunPrintsNoInfoLinesButItsProgressOffATerminal() throws Exception {
        Child c = sextant(train());
        assertEquals(0, c.exitCode(), c.err());
        assertEquals(List.of(), logLines(c.err(), "INFO"), c.err());
        assertTrue(c.err().contains("progress: training 3/3 (100%)"), c.err());
        assertFalse(c.err().contains("\r"), "no bar is drawn off a terminal: " + c.err());
    }

    @Test
    void verboseLogsInfo() throws Exception {
        Child c = sextant(train("--verbose"));
        assertEquals(0, c.exitCode(), c.err());
        assertFalse(logLines(c.err(), "INFO").isEmpty(), c.err());
        assertEquals(List.of(), logLines(c.err(), "DEBUG"), c.err());
    }

    @Test
    void debugPrintsTheStackTraceOfAnError() throws Exception {
        Child c = sextant("train", "--input", dir.resolve("missing.csv").toString(), "--models", "logistic", "--output",
                dir.resolve("b").toString(), "--debug");
        assertEquals(SextantCli.EXIT_BAD_INPUT, c.exitCode(), c.err());
        assertTrue(c.err().startsWith("error: "), c.err());
        assertTrue(c.err().contains("\tat "), "a stack trace with --debug: " + c.err());
    }

    @Test
    void theOptionsChooseTheLogLevel() {
        assertEquals("warn", SextantCli.logLevel(new String[] {"demo"}));
        assertEquals("info", SextantCli.logLevel(new String[] {"demo", "--verbose"}));
        assertEquals("debug", SextantCli.logLevel(new String[] {"--debug", "demo", "--verbose"}));
        assertEquals("warn", SextantCli.logLevel(new String[] {"data", "inspect", "--", "--verbose"}));
    }
}
