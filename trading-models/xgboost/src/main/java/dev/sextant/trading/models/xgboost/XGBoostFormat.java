package dev.sextant.trading.models.xgboost;

import dev.sextant.trading.core.Checks;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The two model file formats XGBoost reads and writes and Sextant evaluates. */
public enum XGBoostFormat {
    /** XGBoost's JSON model ({@code .json}). */
    JSON("json"),
    /** XGBoost's Universal Binary JSON model ({@code .ubj}); smaller and faster to read. */
    UBJ("ubj");

    private final String extension;

    XGBoostFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension, without a dot, which is also XGBoost's format name. */
    public String extension() {
        return extension;
    }

    /** The format a file name implies ({@code .json} or {@code .ubj}, any case), if any. */
    public static Optional<XGBoostFormat> ofFileName(Path file) {
        String name = Checks.notNull(file, "file").getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return Optional.of(JSON);
        }
        if (name.endsWith(".ubj")) {
            return Optional.of(UBJ);
        }
        return Optional.empty();
    }

    /** The format of a model's bytes, told apart by content. */
    public static XGBoostFormat detect(byte[] model) {
        return ModelDocument.isUbj(Checks.notNull(model, "model")) ? UBJ : JSON;
    }
}
