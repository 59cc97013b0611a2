package dev.sextant.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.examples.venue.VenueAdapterExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
}
