package dev.sextant.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.examples.live.EmbeddedLivePipeline;
import dev.sextant.examples.venue.VenueAdapterExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs every example's {@code main}, so that the examples never rot (Strata's pattern). */
class ExamplesTest {

    /** Runs {@code main} with standard output captured; returns what it printed. */
    private static String runMain(ThrowingMain main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            main.run(new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        original.print(printed);
        return printed;
    }

    @FunctionalInterface
    private interface ThrowingMain {
        void run(String[] args) throws Exception;
    }

    @Test
    void venueAdapterExampleConnectsSubmitsAndPrintsTheFill() throws Exception {
        String printed = runMain(VenueAdapterExample::main);
        assertTrue(printed.contains("connection: CONNECTING -> CONNECTED"), printed);
        assertTrue(printed.contains("event: Accepted[clientOrderId=example-1"), printed);
        assertTrue(printed.contains("event: Filled[fill=Fill[executionId="), printed);
        assertTrue(printed.contains("price=99.5"), printed);
        assertTrue(printed.contains("venue position: [Position[instrument=Instrument[symbol=DEMO"), printed);
    }

    @Test
    void embeddedLivePipelineTradesHaltsOnTheKillSwitchAndResumes() throws Exception {
        String printed = runMain(EmbeddedLivePipeline::main);
        assertTrue(printed.contains("kill switch tripped; working orders: 0"), "the trip cancelled working orders: " + printed);
        Matcher held = Pattern.compile("re-armed after (\\d+) risk-increasing signals were rejected").matcher(printed);
        assertTrue(held.find() && Integer.parseInt(held.group(1)) > 0, printed);
        Matcher end = Pattern.compile("decisions \\{(.*)\\}; (\\d+) sent after re-arm; (\\d+) fills").matcher(printed);
        assertTrue(end.find(), printed);
        int decisions = Pattern.compile("=(\\d+)").matcher(end.group(1)).results()
                .mapToInt(m -> Integer.parseInt(m.group(1))).sum();
        assertEquals(9_399 - 3_000, decisions, "one decision per live bar: " + printed);
        assertTrue(Integer.parseInt(end.group(2)) > 0, "trading resumed after re-arming: " + printed);
        assertTrue(Integer.parseInt(end.group(3)) > 0, printed);
    }
}
