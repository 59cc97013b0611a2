package dev.sextant.trading.models.smile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogitSettingsTest {

    @Test
    void defaultsTrainTheSameModelAsTheTrainersDefaults() {
        double[] buy = SmileData.buyWithAndWithoutSettings(LogitSettings.defaults());
        assertEquals(buy[1], buy[0], 0);
    }

    @Test
    void anotherPenaltyGivesAnotherModel() {
        double[] buy = SmileData.buyWithAndWithoutSettings(LogitSettings.defaults().withLambda(5));
        assertTrue(buy[0] != buy[1], "lambda reaches the trainer");
    }

    @Test
    void rejectsANegativePenalty() {
        assertThrows(IllegalArgumentException.class, () -> LogitSettings.defaults().withLambda(-1));
    }
}
