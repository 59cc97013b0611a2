package dev.sextant.trading.models.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class XGBoostFormatTest {

    @Test
    void fileNameImpliesTheFormatIgnoringCase() {
        assertEquals(Optional.of(XGBoostFormat.JSON), XGBoostFormat.ofFileName(Path.of("a/model.JSON")));
        assertEquals(Optional.of(XGBoostFormat.UBJ), XGBoostFormat.ofFileName(Path.of("model.ubj")));
        assertEquals(Optional.empty(), XGBoostFormat.ofFileName(Path.of("model.bin")));
    }

    @Test
    void contentTellsJsonFromUbj() throws IOException {
        assertEquals(XGBoostFormat.UBJ, XGBoostFormat.detect(Files.readAllBytes(Golden.resource("softprob.ubj"))));
        assertEquals(XGBoostFormat.JSON, XGBoostFormat.detect(Files.readAllBytes(Golden.resource("softprob.json"))));
        assertEquals(XGBoostFormat.JSON, XGBoostFormat.detect("  {\n \"a\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(XGBoostFormat.JSON, XGBoostFormat.detect("{}".getBytes(StandardCharsets.UTF_8)));
    }
}
