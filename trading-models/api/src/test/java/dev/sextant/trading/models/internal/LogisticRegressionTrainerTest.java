package dev.sextant.trading.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainingSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogisticRegressionTrainerTest {

    @Test
    void isFoundUnderTypeLogisticAndUsesTheGivenId() {
        assertInstanceOf(LogisticRegressionTrainer.class, Models.trainer("logistic"));
        TrainedModel m = new LogisticRegressionTrainer().train(
                TrainingSet.of(new float[][] {{0}, {1}, {2}}, new int[] {0, 1, 2}), Map.of("id", "lr-1", "l2", "0.5"));
        assertEquals("lr-1", m.metadata().id());
        assertEquals("0.5", m.metadata().provenance().attributes().get("l2"));
    }
}
