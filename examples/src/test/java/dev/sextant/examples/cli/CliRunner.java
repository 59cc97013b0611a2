package dev.sextant.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process and captures its output, for tests. */
final class CliRunner {
    /** The real market data unpacked from org.ta4j:ta4j-examples by the build. */
    static final Path DATA = Path.of("target", "data");
    static final Path APPLE = DATA.resolve("appleinc_bars_from_20130101_usd.csv");
    static final Path BITSTAMP = DATA.resolve("bitstamp_trades_from_20131125_usd.csv");

    /** What one run produced. */
    record Result(int exitCode, String out, String err) {
    }

    private CliRunner() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SextantCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
