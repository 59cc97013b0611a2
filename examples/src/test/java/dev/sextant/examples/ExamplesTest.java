package dev.sextant.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.examples.live.EmbeddedLivePipeline;
import dev.sextant.trading.engine.Decision;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every example's program runs on the real data the build unpacks to target/data (Strata's ExamplesTest). */
class ExamplesTest {
    private static final Path BITSTAMP = Path.of("target", "data", "bitstamp_trades_from_20131125_usd.csv");

    @Test
    void embeddedLivePipelineTradesHaltsOnTheKillSwitchAndResumes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EmbeddedLivePipeline.Result r = EmbeddedLivePipeline.run(BITSTAMP, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        int decisions = r.counts().values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(9_399 - 3_000, decisions, "one decision per live bar: " + out);
        assertTrue(r.counts().getOrDefault(Decision.Kind.SENT, 0) > 0, out);
        assertTrue(r.fills() > 0, out);
        assertTrue(r.killSwitchHeld() > 0, "the tripped switch rejected risk-increasing signals: " + out);
        assertTrue(r.sentAfterRearm() > 0, "trading resumed after re-arming: " + out);
        assertTrue(out.contains("kill switch tripped") && out.contains("kill switch re-armed"), out);
    }
}
