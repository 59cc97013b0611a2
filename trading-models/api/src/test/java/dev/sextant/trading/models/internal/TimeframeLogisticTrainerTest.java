package dev.sextant.trading.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.linear.TimeframeLogisticRegression;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeframeLogisticTrainerTest {

    private static final TrainingSet DATA = TrainingSet.of(new float[][] {{0, 5}, {1, 4}, {2, 3}}, new int[] {0, 1, 2});

    @Test
    void isFoundUnderItsTypeAndTrainsTheNamedColumns() {
        assertInstanceOf(TimeframeLogisticTrainer.class, Models.trainer(TimeframeLogisticRegression.TYPE));
        TrainedModel m = new TimeframeLogisticTrainer().train(DATA,
                Map.of("id", "tf-15m", "timeframe", "15m", "offset", "1", "count", "1", "l2", "0.5", "seed", "7"));
        TimeframeLogisticRegression t = assertInstanceOf(TimeframeLogisticRegression.class, m);
        assertEquals("tf-15m", t.metadata().id());
        assertEquals(TimeFrame.M15, t.timeframe());
        assertEquals(1, t.offset());
        assertEquals(2, t.metadata().featureCount());
    }

    @Test
    void requiresTimeFrameOffsetAndCountAndRejectsUnknownKeys() {
        TimeframeLogisticTrainer trainer = new TimeframeLogisticTrainer();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(DATA, Map.of("timeframe", "5m", "count", "1")));
        assertTrue(missing.getMessage().contains("'offset'"), missing.getMessage());
        IllegalArgumentException tf = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(DATA, Map.of("timeframe", "soon", "offset", "0", "count", "1")));
        assertTrue(tf.getMessage().contains("'timeframe'") && tf.getMessage().contains("soon"), tf.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(DATA, Map.of("timeframe", "5m", "offset", "0", "count", "1", "depth", "3")));
        assertTrue(unknown.getMessage().contains("depth"), unknown.getMessage());
    }
}
