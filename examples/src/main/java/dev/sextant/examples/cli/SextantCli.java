package dev.sextant.examples.cli;

import dev.sextant.trading.core.ErrorText;
import dev.sextant.trading.core.io.MarketDataException;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelOutputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code sextant} command line. Each subcommand is a class in this package.
 *
 * <p>Errors: every failure ends with exactly one line on standard error, {@code error: ...},
 * naming what is wrong and where (file, line, field, value, option), at most
 * {@value ErrorText#MAX_LINE_CHARS} characters with long values abbreviated, never the name of a
 * Java exception class, and no stack trace unless {@code --verbose} is given. Exit codes:
 * {@value #EXIT_BAD_INPUT} for bad input or usage (invalid data, model, bundle, limits or option,
 * a missing input file), {@value #EXIT_FAILURE} for any other failure (for example the disk filling
 * while an output is written), 0 on success.
 */
@Command(name = "sextant", mixinStandardHelpOptions = true, version = "sextant 0.1.0-SNAPSHOT",
        description = "Sextant: market data -> features -> models -> calibrated signals -> risk -> broker.",
        subcommands = {
                // One line per subcommand; keep this list sorted by command name.
                AuditCommand.class,
                BacktestCommand.class,
                CompareCommand.class,
                DataCommand.class,
                DemoCommand.class,
                DriftCommand.class,
                FeaturesCommand.class,
                FlinkRunCommand.class,
                IndicatorsCommand.class,
                ModelsCommand.class,
                PaperCommand.class,
                PredictCommand.class,
                ReportCommand.class,
                RlCommand.class,
                ServeCommand.class,
                SweepCommand.class,
                TrainCommand.class,
                WalkforwardCommand.class,
        })
public final class SextantCli {

    /** The global option that logs at INFO and adds the stack trace to an error. */
    static final String VERBOSE = "--verbose";
    /** The global option that logs at DEBUG (and adds the stack trace to an error). */
    static final String DEBUG = "--debug";
    /** The SLF4J simple logger's level property; a {@code -D} given by the user wins over the options. */
    static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    @Option(names = VERBOSE, scope = ScopeType.INHERIT,
            description = "Log what the library does (INFO) on standard error; on an error, also print the stack trace.")
    boolean verbose;

    @Option(names = DEBUG, scope = ScopeType.INHERIT,
            description = "Log at DEBUG on standard error (more than --verbose); on an error, print the stack trace.")
    boolean debug;

    private SextantCli() {
    }

    /** Exit code for bad input data or arguments. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for any other failure. */
    public static final int EXIT_FAILURE = 1;

    /**
     * Runs the CLI and exits the JVM with its exit code. Logging goes to standard error at WARN, at
     * INFO with {@value #VERBOSE} and at DEBUG with {@value #DEBUG}, unless the JVM was started with
     * {@code -D}{@value #LOG_LEVEL_PROPERTY}.
     */
    public static void main(String[] args) {
        if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
            // Before anything logs: the simple logger reads its level once, on first use.
            System.setProperty(LOG_LEVEL_PROPERTY, logLevel(args));
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** The console log level the options ask for: {@code debug}, {@code info} or, by default, {@code warn}. */
    static String logLevel(String[] args) {
        if (has(args, DEBUG)) {
            return "debug";
        }
        return has(args, VERBOSE) ? "info" : "warn";
    }

    /** Runs the CLI without exiting; returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = verbose(args);
        CommandLine cli = new CommandLine(new SextantCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, params) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println("error: " + ErrorText.line(ex.getMessage()) + " (see '" + command + " --help')");
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, err, verbose));
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // A safety net: inputs are bounded before they are read, so this means a limit is missing.
            err.println("error: the Java heap or stack ran out (" + (e instanceof OutOfMemoryError ? "out of memory" : "stack overflow")
                    + "); please report the command that caused it");
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return EXIT_FAILURE;
        }
    }

    /** Whether {@value #VERBOSE} or {@value #DEBUG} appears among the options (before a {@code --} end-of-options marker). */
    static boolean verbose(String[] args) {
        return has(args, VERBOSE) || has(args, DEBUG);
    }

    /** Whether {@code option} appears among the options (before a {@code --} end-of-options marker). */
    private static boolean has(String[] args, String option) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals(option)) {
                return true;
            }
        }
        return false;
    }

    /** Prints the one-line error for {@code ex} (and its stack trace when verbose); returns the exit code. */
    static int report(Exception ex, PrintWriter err, boolean verbose) {
        err.println("error: " + ErrorText.line(describe(ex)));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCode(ex);
    }

    /** {@link #EXIT_BAD_INPUT} for errors in what the user gave, {@link #EXIT_FAILURE} otherwise. */
    static int exitCode(Throwable ex) {
        if (ex instanceof MarketDataException || ex instanceof IllegalArgumentException || ex instanceof ModelLoadException
                || ex instanceof ModelOutputException) {
            return EXIT_BAD_INPUT;
        }
        Throwable io = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (io instanceof NoSuchFileException || io instanceof AccessDeniedException || io instanceof NotDirectoryException
                || io instanceof FileAlreadyExistsException || io instanceof CharacterCodingException) {
            return EXIT_BAD_INPUT;
        }
        return EXIT_FAILURE;
    }

    /** What went wrong, in words, without Java class names; I/O errors carry the operating system's reason. */
    static String describe(Throwable ex) {
        if (ex instanceof UncheckedIOException u && u.getCause() != null) {
            String outer = u.getMessage();
            // Built from a cause alone, UncheckedIOException's message is the cause's class and message.
            if (outer == null || outer.isBlank() || outer.startsWith("java.")) {
                return describe(u.getCause());
            }
            String reason = reason(u.getCause());
            return outer.contains(reason) ? outer : outer + ": " + reason;
        }
        if (ex instanceof FileSystemException e && e.getFile() != null) {
            return e.getFile() + ": " + reason(e);
        }
        if (ex instanceof IOException e) {
            return reason(e);
        }
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            return "an unexpected internal error (run again with " + VERBOSE + " for the details)";
        }
        return message;
    }

    /** The operating system's reason for an I/O error, without the file name. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not valid UTF-8 text (a binary file?)";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : "file system error";
        }
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : "input/output error";
    }
}
