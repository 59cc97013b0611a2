package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.calibration.CalibrationMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    private static TrainingConfig.Builder builder() {
        return TrainingConfig.builder(FeatureSpec.standard24());
    }

    @Test
    void defaultsAreDocumented() {
        TrainingConfig c = builder().models("xgboost").build();
        assertEquals(10, c.horizon());
        assertEquals(10, c.embargo(), "the embargo defaults to the horizon");
        assertEquals(4, c.folds());
        assertEquals("logistic", c.meta().type());
        assertEquals(CalibrationMethod.TEMPERATURE, c.calibration());
        assertEquals(0.15, c.calibrationFraction());
        assertEquals(0.15, c.testFraction());
        assertEquals(42, c.seed());
        assertFalse(c.stacks(), "one model is used alone");
        assertTrue(builder().models("xgboost", "logistic").build().stacks());
        assertTrue(builder().models("xgboost").stackSingleModel(true).build().stacks());
    }

    @Test
    void resolvesAliasesAndAppliesParametersByType() {
        TrainingConfig c = builder().models("RF", "logistic").params("rf", Map.of("nTrees", "30"))
                .params("logistic", Map.of("l2", "0.1")).build();
        assertEquals(List.of("smile-rf", "logistic"), c.models().stream().map(TrainerSpec::type).toList());
        assertEquals(Map.of("nTrees", "30"), c.models().get(0).params());
        assertEquals(Map.of("l2", "0.1"), c.models().get(1).params());
    }

    @Test
    void rejectsParametersForAModelNotRequested() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder().models("logistic").params("xgboost", Map.of("rounds", "5")).build());
        assertTrue(e.getMessage().contains("'xgboost'"), e.getMessage());
    }

    @Test
    void rejectsRepeatedModelsNoModelAndFractionsThatLeaveTooLittleToFit() {
        assertThrows(IllegalArgumentException.class, () -> builder().models("rf", "smile-rf").build());
        assertThrows(IllegalArgumentException.class, () -> builder().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder().models("logistic").calibrationFraction(0.45).testFraction(0.4).build());
        assertTrue(e.getMessage().contains("less than 0.8"), e.getMessage());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        TrainingConfig c = builder().models("logistic").horizon(3).labelThreshold(0.3).volatilityWindow(20).folds(2)
                .embargo(7).calibration(CalibrationMethod.ISOTONIC).calibrationFraction(0.2).testFraction(0).seed(9)
                .stackSingleModel(true).bundleId("b").bundleVersion("v").build();
        assertEquals(c, c.toBuilder().build());
    }
}
