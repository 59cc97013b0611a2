package dev.sextant.trading.models.smile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SvmSettingsTest {

    @Test
    void defaultsTrainTheSameSvmAsTheTrainersDefaults() {
        double[] buy = SmileData.buyWithAndWithoutSettings(SvmSettings.defaults());
        assertEquals(buy[1], buy[0], 0);
        assertFalse(SvmSettings.defaults().toParams().containsKey("sigma"), "sigma defaults to sqrt(features)");
    }

    @Test
    void theTrainerAcceptsEverySetting() {
        SvmSettings s = SvmSettings.defaults().withSigma(0.7).withC(2).withKernel(SvmSettings.Kernel.GAUSSIAN);
        assertEquals("gaussian", s.toParams().get("kernel"));
        SmileData.buyWithAndWithoutSettings(s);
        SmileData.buyWithAndWithoutSettings(SvmSettings.defaults().withKernel(SvmSettings.Kernel.LINEAR));
    }

    @Test
    void rejectsNonPositiveValues() {
        assertThrows(IllegalArgumentException.class, () -> SvmSettings.defaults().withC(0));
        assertThrows(IllegalArgumentException.class, () -> SvmSettings.defaults().withSigma(-1));
    }
}
