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
}
