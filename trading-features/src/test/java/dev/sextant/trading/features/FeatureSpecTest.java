package dev.sextant.trading.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.TimeFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSpecTest {

    @Test
    void standard24HasTwentyFourNamedFeatures() {
        FeatureSpec s = FeatureSpec.standard24();
        assertEquals("standard-24", s.name());
        assertEquals(1, s.version());
        assertEquals(24, s.size());
        assertEquals(List.of("rsi_14", "macd_rel", "macd_signal_rel", "macd_hist_rel", "bb_pct_b", "bb_width", "stoch_k", "stoch_d",
                "willr_14", "cci_20", "adx_14", "di_spread_14", "close_ema_9", "close_ema_21", "close_sma_10", "close_sma_20",
                "atr_rel_14", "volume_ratio_20", "obv_zscore_20", "range_pos_20", "trend_slope_20", "hl_range_rel",
                "log_return_1", "realized_vol_20"), s.featureNames());
    }

    @Test
    void extended35IsStandard24FollowedByElevenMore() {
        FeatureSpec e = FeatureSpec.extended35();
        assertEquals(35, e.size());
        assertEquals(FeatureSpec.standard24().featureNames(), e.featureNames().subList(0, 24));
    }

    @Test
    void namedFindsTheBuiltInSetsAndRejectsOthers() {
        assertEquals(FeatureSpec.standard24(), FeatureSpec.named("standard-24"));
        assertEquals(FeatureSpec.extended35(), FeatureSpec.named("extended-35"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSpec.named("standard-25"));
        assertTrue(e.getMessage().contains("standard-25"));
    }

    @Test
    void jsonRoundTripsToAnEqualSpecWithTheSameHash() {
        for (FeatureSpec s : List.of(FeatureSpec.standard24(), FeatureSpec.extended35(),
                FeatureSpec.standard24().withTimeframes(List.of(TimeFrame.M1, TimeFrame.M5, TimeFrame.H1)))) {
            FeatureSpec back = FeatureSpec.fromJson(s.toJson());
            assertEquals(s, back);
            assertEquals(s.toJson(), back.toJson());
            assertEquals(s.hash(), back.hash());
            assertEquals(s.featureNames(), back.featureNames());
        }
    }

    @Test
    void hashIsTheSha256OfTheCanonicalJsonAndStableAcrossReleases() {
        // Golden values: a change here means every recorded model bundle stops matching. Bump the
        // spec version when a formula or parameter changes, and update these deliberately.
        FeatureSpec s = FeatureSpec.standard24();
        assertEquals(64, s.hash().length());
        assertTrue(s.hash().matches("[0-9a-f]{64}"));
        assertEquals(GOLDEN_STANDARD_24, s.hash());
        assertEquals(GOLDEN_EXTENDED_35, FeatureSpec.extended35().hash());
        assertTrue(s.toJson().startsWith("{\"features\":[{\"kind\":\"rsi\",\"name\":\"rsi_14\",\"params\":{\"period\":14}},"),
                s.toJson());
    }

    static final String GOLDEN_STANDARD_24 = "3e86b0bfbcf05b3877aab9dbf6914be13eb8db31e9ae8f77198b59e0e2a836eb";
    static final String GOLDEN_EXTENDED_35 = "5851c0f47ae8b53097ded3629fbd3929652f3843826fd5ed37fa4a4a4b21f9b6";

    @Test
    void canonicalJsonIgnoresKeyOrderWhitespaceAndSpelledOutDefaults() {
        String a = "{ \"version\": 3, \"name\": \"x\", \"features\": [ {\"kind\": \"rsi\", \"name\": \"r\"} ] }";
        String b = "{\"features\":[{\"name\":\"r\",\"params\":{\"period\":14.0},\"kind\":\"rsi\"}],\"name\":\"x\",\"version\":3}";
        assertEquals(FeatureSpec.fromJson(a).hash(), FeatureSpec.fromJson(b).hash());
        assertNotEquals(FeatureSpec.fromJson(a).hash(),
                FeatureSpec.fromJson(b.replace("14.0", "15")).hash());
    }

    @Test
    void timeframesChangeTheHashAndAddSuffixedColumns() {
        FeatureSpec s = FeatureSpec.standard24().withTimeframes(List.of(TimeFrame.M1, TimeFrame.M15));
        assertEquals(48, s.size());
        assertEquals("rsi_14@15m", s.featureNames().get(24));
        assertNotEquals(FeatureSpec.standard24().hash(), s.hash());
        assertThrows(IllegalArgumentException.class,
                () -> FeatureSpec.standard24().withTimeframes(List.of(TimeFrame.M5, TimeFrame.M1)));
        assertThrows(IllegalArgumentException.class,
                () -> FeatureSpec.standard24().withTimeframes(List.of(TimeFrame.parse("2m"), TimeFrame.parse("5m"))));
    }

    @Test
    void oneHotRegimeFeaturesProduceOneColumnPerCategory() {
        FeatureSpec s = FeatureSpec.of("r", 1, List.of(
                FeatureDefinition.of("trend", "trend_regime", "one_hot", 1),
                FeatureDefinition.of("vol", "volatility_regime")));
        assertEquals(List.of("trend_down", "trend_flat", "trend_up", "vol"), s.featureNames());
    }

    @Test
    void rejectsMalformedOrInvalidJsonNamingTheField() {
        assertMessage("malformed", () -> FeatureSpec.fromJson("{"));
        assertMessage("missing field 'version'", () -> FeatureSpec.fromJson("{\"name\":\"x\",\"features\":[]}"));
        assertMessage("unknown field 'colour'",
                () -> FeatureSpec.fromJson("{\"name\":\"x\",\"version\":1,\"features\":[],\"colour\":1}"));
        assertMessage("unknown kind 'rsx'",
                () -> FeatureSpec.fromJson("{\"name\":\"x\",\"version\":1,\"features\":[{\"name\":\"a\",\"kind\":\"rsx\"}]}"));
        assertMessage("parameter period must be a whole number",
                () -> FeatureSpec.fromJson("{\"name\":\"x\",\"version\":1,\"features\":[{\"name\":\"a\",\"kind\":\"rsi\",\"params\":{\"period\":1.5}}]}"));
        assertMessage("unknown parameter 'length'",
                () -> FeatureSpec.fromJson("{\"name\":\"x\",\"version\":1,\"features\":[{\"name\":\"a\",\"kind\":\"rsi\",\"params\":{\"length\":3}}]}"));
        assertMessage("at least one feature", () -> FeatureSpec.fromJson("{\"name\":\"x\",\"version\":1,\"features\":[]}"));
        assertMessage("duplicate column name 'a'", () -> FeatureSpec.fromJson(
                "{\"name\":\"x\",\"version\":1,\"features\":[{\"name\":\"a\",\"kind\":\"rsi\"},{\"name\":\"a\",\"kind\":\"adx\"}]}"));
        assertMessage("slow must be greater than fast", () -> FeatureDefinition.of("m", "macd_line_rel", "fast", 30));
        assertMessage("version must be positive", () -> FeatureSpec.of("x", 0, List.of(FeatureDefinition.of("a", "rsi"))));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
    }
}
