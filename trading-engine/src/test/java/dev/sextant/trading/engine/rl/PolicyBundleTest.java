package dev.sextant.trading.engine.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.bundle.BundleWriter;
import dev.sextant.trading.models.linear.LogisticRegression;
import dev.sextant.trading.models.policy.PolicyModel;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyBundleTest {
    @TempDir
    Path tmp;

    @Test
    void loadsAPpoPolicyBundleAsAPolicyModel() throws IOException {
        PpoPolicy p = PolicySignalSourceTest.randomPolicy(TradingEnvironmentTest.SYN_DATA.scaler(),
                TradingEnvironmentTest.SYN_CFG, 3);
        p.writeBundle(tmp.resolve("b"), "1");
        try (PolicyModel loaded = PolicyBundle.load(tmp.resolve("b"))) {
            PpoPolicy back = assertInstanceOf(PpoPolicy.class, loaded);
            assertArrayEquals(p.actorParameters(), back.actorParameters());
            assertEquals(p.layout().observationSize(), loaded.layout().observationSize());
        }
    }

    @Test
    void refusesABundleWhoseModelIsNotAPolicyNamingItsType() throws IOException {
        int f = TradingEnvironmentTest.SYN_CFG.spec().size();
        LogisticRegression lr = new LogisticRegression("lr", new double[3][f], new double[3], Provenance.unknown("test"));
        BundleWriter.create("lr", "1", TradingEnvironmentTest.SYN_CFG.spec()).addTrained(lr, null).single("lr")
                .writeDirectory(tmp.resolve("lr"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> PolicyBundle.load(tmp.resolve("lr")));
        assertTrue(e.getMessage().contains("has type 'logistic', which is not a policy"), e.getMessage());
    }

    @Test
    void refusesAFileThatIsNotABundleDirectory() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> PolicyBundle.load(tmp.resolve("none")));
        assertTrue(e.getMessage().endsWith("must be a directory"), e.getMessage());
    }
}
