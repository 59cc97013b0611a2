package dev.sextant.trading.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.AssetClass;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskLimitsTest {

    @Test
    void theBuilderSnippetInRiskMdBuildsWhatItSays() throws Exception {
        // snippet-start: docs/risk.md builder
        RiskLimits limits = RiskLimits.builder()              // starts from RiskLimits.defaults()
                .maxPositionFraction(0.10)                     // one instrument: at most 10% of equity
                .maxLeverage(2.0)                              // gross exposure at most 2x equity
                .maxOrderQuantity("AAPL", 500)                 // per instrument: symbol or SYMBOL@VENUE
                .orderRate(20, 1_000)                          // at most 20 orders per second
                .sector("AAPL", "tech")
                .maxSectorFraction("tech", 0.30)
                .dailyLossLimitFraction(0.03)
                .session(LocalTime.of(17, 0), ZoneId.of("America/New_York"))
                .restrict("GME")
                .allowResize(false)                            // reject instead of shrinking an order
                .build();                                      // IllegalArgumentException naming a bad field
        RiskEngine engine = RiskEngine.builder().limits(limits).startingCash(1_000_000).build();
        engine.setLimits(limits.toBuilder().maxLeverage(1.5).build());  // intraday change, next check
        // snippet-end
        assertEquals(0.10, limits.exposure().maxPositionFraction());
        assertEquals(2.0, limits.exposure().maxLeverage());
        assertEquals(500, limits.orders().maxOrderQuantityByInstrument().get("AAPL"));
        assertEquals(20, limits.orders().maxOrdersPerWindow());
        assertEquals(1_000, limits.orders().orderRateWindowMillis());
        assertEquals("tech", limits.exposure().sectors().get("AAPL"));
        assertEquals(0.30, limits.exposure().maxSectorFraction().get("tech"));
        assertEquals(0.03, limits.losses().dailyLossLimitFraction());
        assertEquals(LocalTime.of(17, 0), limits.losses().sessionResetTime());
        assertEquals(Set.of("GME"), limits.restrictedInstruments());
        assertEquals(false, limits.allowResize());
        assertEquals(RiskLimits.defaults().var(), limits.var());
        assertEquals(1.5, engine.limits().exposure().maxLeverage());

        // The snippet in docs/risk.md is this one, line for line, so that the page shows code that compiles.
        String source = Files.readString(Path.of("src/test/java/dev/sextant/trading/risk/RiskLimitsTest.java"));
        String snippet = source.substring(source.indexOf("// snippet-start: docs/risk.md builder"),
                source.indexOf("// snippet-end"));
        String doc = Files.readString(Path.of("../docs/risk.md"));
        for (String line : snippet.lines().skip(1).map(String::strip).toList()) {
            assertTrue(doc.lines().map(String::strip).anyMatch(line::equals), "docs/risk.md lacks: " + line);
        }
        assertThrows(IllegalArgumentException.class, () -> RiskLimits.builder().maxLeverage(-1).build());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        RiskLimits d = RiskLimits.defaults();
        assertEquals(0.05, d.exposure().maxPositionFraction());
        assertEquals(0.02, d.losses().dailyLossLimitFraction());
        assertEquals(0.10, d.losses().maxDrawdownFraction());
        assertEquals(0.02, d.var().limitFraction());
        assertEquals(0.95, d.var().confidence());
        assertEquals(VarMethod.HISTORICAL, d.var().method());
        assertEquals(0.05, d.orders().priceCollarFraction());
        assertEquals(0.10, d.orders().maxOrderValueFraction());
        assertEquals(10, d.exposure().maxConcurrentPositions());
        assertEquals(Double.POSITIVE_INFINITY, d.orders().maxOrderQuantity());
        assertEquals(LocalTime.MIDNIGHT, d.losses().sessionResetTime());
        assertTrue(d.allowResize());
    }

    @Test
    void readsAPartialDocumentFillingDefaults() {
        RiskLimits l = RiskLimits.read(getClass().getResourceAsStream("limits-example.json"), "limits-example.json");
        assertEquals(0.03, l.orders().priceCollarFraction());
        assertEquals(Map.of("BTC/USD@CBSE", 2.0), l.orders().maxOrderQuantityByInstrument());
        assertEquals(20, l.orders().maxOrdersPerWindow());
        assertEquals(1_000, l.orders().orderRateWindowMillis(), "absent fields keep their defaults");
        assertEquals(Double.POSITIVE_INFINITY, l.exposure().maxGrossExposure(), "null means no limit");
        assertEquals("energy", l.exposure().sectors().get("XOM"));
        assertEquals(Map.of(AssetClass.CRYPTO, 0.10), l.exposure().maxAssetClassFraction());
        assertEquals(ZoneId.of("America/New_York"), l.losses().sessionZone());
        assertEquals(LocalTime.of(17, 0), l.losses().sessionResetTime());
        assertEquals(0.10, l.losses().maxDrawdownFraction());
        assertEquals(VarMethod.MONTE_CARLO, l.var().method());
        assertEquals(7, l.var().monteCarloSeed());
        assertEquals(0, l.killSwitch().maxFeedSilenceMillis());
        assertEquals(Set.of("GME"), l.restrictedInstruments());
    }

    @Test
    void writesJsonThatReadsBackEqual() {
        RiskLimits l = RiskLimits.builder().maxOrderQuantity("AAPL", 500).sector("AAPL", "tech")
                .maxSectorFraction("tech", 0.2).maxAssetClassFraction(AssetClass.FX, 0.5).restrict("GME")
                .maxGrossExposure(2e6).allowResize(false).session(LocalTime.of(16, 30), ZoneId.of("Europe/London"))
                .build();
        assertEquals(l, RiskLimits.fromJson(l.toJson(), "round-trip"));
        assertEquals(RiskLimits.defaults(), RiskLimits.fromJson(RiskLimits.defaults().toJson(), "defaults"));
        assertEquals(RiskLimits.defaults(), RiskLimits.fromJson("{}", "empty"));
    }

    @Test
    void loadsFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("limits.json");
        Files.writeString(file, "{\"exposure\": {\"maxPositionFraction\": 0.02}}");
        assertEquals(0.02, RiskLimits.load(file).exposure().maxPositionFraction());
        assertThrows(UncheckedIOException.class, () -> RiskLimits.load(dir.resolve("missing.json")));
    }

    @Test
    void unknownFieldsAreErrorsNamingThePath() {
        InvalidLimitsException e = assertThrows(InvalidLimitsException.class,
                () -> RiskLimits.fromJson("{\"exposure\": {\"maxPositonFraction\": 0.02}}", "limits.json"));
        assertEquals("exposure.maxPositonFraction", e.field());
        assertEquals("limits.json", e.source());
        assertTrue(e.getMessage().startsWith("limits.json: exposure.maxPositonFraction: is not a known field"),
                e::getMessage);
        assertThrows(InvalidLimitsException.class, () -> RiskLimits.fromJson("{\"limits\": {}}", "x"));
    }

    @Test
    void wrongTypesAreErrorsNamingTheField() {
        InvalidLimitsException e = assertThrows(InvalidLimitsException.class,
                () -> RiskLimits.fromJson("{\"orders\": {\"maxOrdersPerWindow\": 2.5}}", "x"));
        assertEquals("orders.maxOrdersPerWindow", e.field());
        assertEquals("orders.priceCollarFraction", assertThrows(InvalidLimitsException.class,
                () -> RiskLimits.fromJson("{\"orders\": {\"priceCollarFraction\": \"5%\"}}", "x")).field());
        assertEquals("orders.priceCollarFraction", assertThrows(InvalidLimitsException.class,
                () -> RiskLimits.fromJson("{\"orders\": {\"priceCollarFraction\": null}}", "x")).field(),
                "the collar may not be unlimited");
        assertEquals("restrictedInstruments[1]", assertThrows(InvalidLimitsException.class,
                () -> RiskLimits.fromJson("{\"restrictedInstruments\": [\"A\", 3]}", "x")).field());
        assertEquals("exposure.maxAssetClassFraction.STOCKS", assertThrows(InvalidLimitsException.class,
                () -> RiskLimits.fromJson("{\"exposure\": {\"maxAssetClassFraction\": {\"STOCKS\": 0.1}}}", "x")).field());
        assertEquals("losses.sessionZone", assertThrows(InvalidLimitsException.class,
                () -> RiskLimits.fromJson("{\"losses\": {\"sessionZone\": \"Mars/Olympus\"}}", "x")).field());
        assertEquals("var.method", assertThrows(InvalidLimitsException.class,
                () -> RiskLimits.fromJson("{\"var\": {\"method\": \"GARCH\"}}", "x")).field());
        assertEquals("killSwitch.tripOnDrawdown", assertThrows(InvalidLimitsException.class,
                () -> RiskLimits.fromJson("{\"killSwitch\": {\"tripOnDrawdown\": \"yes\"}}", "x")).field());
    }

    @Test
    void outOfRangeValuesAreErrorsNamingSectionAndField() {
        InvalidLimitsException e = assertThrows(InvalidLimitsException.class,
                () -> RiskLimits.fromJson("{\"exposure\": {\"maxLeverage\": -1}}", "limits.json"));
        assertEquals("exposure", e.field());
        assertTrue(e.getMessage().contains("maxLeverage must be positive (or unlimited) but was -1.0"), e::getMessage);
        InvalidLimitsException c = assertThrows(InvalidLimitsException.class,
                () -> RiskLimits.fromJson("{\"var\": {\"confidence\": 1.0}}", "limits.json"));
        assertTrue(c.getMessage().contains("confidence must be in (0.5, 1)"), c::getMessage);
    }

    @Test
    void anInfiniteLimitWrittenAsAHugeNumberIsAnErrorNotNoLimit() {
        InvalidLimitsException e = assertThrows(InvalidLimitsException.class,
                () -> RiskLimits.fromJson("{\"exposure\": {\"maxLeverage\": 1e400}}", "limits.json"));
        assertEquals("exposure.maxLeverage", e.field());
        assertTrue(e.getMessage().startsWith("limits.json: exposure.maxLeverage: must be a finite number or null"),
                e::getMessage);
        assertThrows(InvalidLimitsException.class,
                () -> RiskLimits.fromJson("{\"orders\": {\"priceCollarFraction\": -1e400}}", "limits.json"));
        assertEquals(Double.POSITIVE_INFINITY, RiskLimits.fromJson("{\"exposure\": {\"maxLeverage\": null}}", "x")
                .exposure().maxLeverage());
    }

    @Test
    void aFieldGivenTwiceIsAnErrorNamingItNotLastOneWins() {
        InvalidLimitsException e = assertThrows(InvalidLimitsException.class, () -> RiskLimits.fromJson(
                "{\"exposure\": {\"maxLeverage\": 2,\n \"maxLeverage\": 50}}", "limits.json"));
        assertEquals("exposure.maxLeverage", e.field());
        assertTrue(e.getMessage().startsWith("limits.json: exposure.maxLeverage: appears twice at line 2"), e::getMessage);
        e = assertThrows(InvalidLimitsException.class, () -> RiskLimits.fromJson(
                "{\"allowResize\": true, \"allowResize\": false}", "limits.json"));
        assertEquals("allowResize", e.field());
    }

    @Test
    void aHugeValueIsAbbreviatedInTheMessage() {
        String huge = "x".repeat(100_000);
        InvalidLimitsException e = assertThrows(InvalidLimitsException.class, () -> RiskLimits.fromJson(
                "{\"killSwitch\": {\"tripOnDrawdown\": \"" + huge + "\"}}", "limits.json"));
        assertTrue(e.getMessage().length() < 400, () -> "message of " + e.getMessage().length() + " chars");
    }

    @Test
    void loadRefusesDevicesAndFilesAboveTheLimit(@TempDir Path dir) throws Exception {
        if (Files.exists(Path.of("/dev/zero"))) {
            InvalidLimitsException e = assertThrows(InvalidLimitsException.class, () -> RiskLimits.load(Path.of("/dev/zero")));
            assertTrue(e.getMessage().contains("not a regular file"), e::getMessage);
        }
        Path big = dir.resolve("big.json");
        Files.write(big, new byte[(int) RiskLimits.MAX_FILE_BYTES + 1]);
        assertThrows(InvalidLimitsException.class, () -> RiskLimits.load(big));
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> RiskLimits.load(dir.resolve("absent.json")));
        assertTrue(missing.getMessage().contains("absent.json: no such file"), missing::getMessage);
    }

    @Test
    void malformedJsonIsAnErrorWithItsLocation() {
        InvalidLimitsException e = assertThrows(InvalidLimitsException.class,
                () -> RiskLimits.fromJson("{\n  \"orders\": {,\n}", "broken.json"));
        assertTrue(e.getMessage().startsWith("broken.json: is not valid JSON at line 2"), e::getMessage);
        assertThrows(InvalidLimitsException.class, () -> RiskLimits.fromJson("[1, 2]", "array.json"));
        assertThrows(InvalidLimitsException.class, () -> RiskLimits.read(
                new ByteArrayInputStream("".getBytes(StandardCharsets.UTF_8)), "empty.json"));
    }

    @Test
    void builderValidatesOnBuild() {
        assertThrows(IllegalArgumentException.class, () -> RiskLimits.builder().maxPositionFraction(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> RiskLimits.builder().orderRate(0, 1_000).build());
        assertThrows(IllegalArgumentException.class, () -> RiskLimits.builder().maxDrawdownFraction(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> RiskLimits.builder().maxSectorFraction("tech", 0).build());
        assertThrows(IllegalArgumentException.class, () -> RiskLimits.builder().duplicateWindowMillis(-1).build());
        assertThrows(IllegalArgumentException.class,
                () -> new VarPolicy(0.02, 0.95, VarMethod.HISTORICAL, 10, 11, 0.03, 1_000, 1));
    }
}
