package dev.sextant.trading.models.smile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomForestSettingsTest {

    @Test
    void defaultsTrainTheSameForestAsTheTrainersDefaults() {
        double[] buy = SmileData.buyWithAndWithoutSettings(RandomForestSettings.builder().build());
        assertEquals(buy[1], buy[0], 0);
    }

    @Test
    void theTrainerAcceptsEverySetting() {
        RandomForestSettings s = RandomForestSettings.builder().trees(20).mtry(1).maxDepth(4).maxNodes(10).nodeSize(3)
                .subsample(0.8).build();
        assertEquals("20", s.toParams().get("nTrees"));
        SmileData.buyWithAndWithoutSettings(s);
    }

    @Test
    void rejectsOutOfRangeSettingsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomForestSettings.builder().subsample(0).build());
        assertTrue(e.getMessage().contains("subsample"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RandomForestSettings.builder().trees(0).build());
    }
}
