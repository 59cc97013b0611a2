package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.linear.LogisticRegressionSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerSpecTest {

    @Test
    void typedSettingsBecomeTheTrainersParameters() {
        TrainerSpec s = TrainerSpec.of(LogisticRegressionSettings.defaults().withL2(0.2));
        assertEquals("logistic", s.type());
        assertEquals("0.2", s.params().get("l2"));
    }

    @Test
    void resolvesAliasesAndAddsParameters() {
        TrainerSpec s = TrainerSpec.of("svm").withParams(Map.of("C", "2"));
        assertEquals("smile-svm", s.type());
        assertEquals(Map.of("C", "2"), s.params());
    }

    @Test
    void theTrainerAssignsIdAndSeed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainerSpec("logistic", Map.of("seed", "1")));
        assertTrue(e.getMessage().contains("'seed'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainerSpec("logistic", Map.of("id", "x")));
    }

    @Test
    void theModelIdIsTheTypeUnlessNamedAndSurvivesAddedParameters() {
        assertEquals("logistic", TrainerSpec.of("logistic").id());
        TrainerSpec named = TrainerSpec.of("logistic").withId("lr-5m").withParams(Map.of("l2", "0.3"));
        assertEquals("lr-5m", named.id());
        assertEquals("logistic", named.type());
        assertThrows(IllegalArgumentException.class, () -> TrainerSpec.of("logistic").withId(" "));
    }

    @Test
    void aConfigTakesTwoModelsOfOneTypeWithDistinctIdsButNotEqualIds() {
        TrainingConfig ok = TrainingConfig.builder(dev.sextant.trading.features.FeatureSpec.standard24())
                .model(TrainerSpec.of("logistic").withId("a")).model(TrainerSpec.of("logistic").withId("b")).build();
        assertEquals(2, ok.models().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder(dev.sextant.trading.features.FeatureSpec.standard24())
                        .model(TrainerSpec.of("logistic").withId("a")).model(TrainerSpec.of("logistic").withId("a")).build());
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }
}
