package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainerSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which trainer to run and with which hyper-parameters: one base model (or the meta-learner) of a
 * {@link TrainingConfig}. The model it trains gets {@link #id()} as its model id: the type id
 * unless {@link #withId} names it (several models of one type, such as the per-time-frame
 * reference models of {@link MultiTimeframeModels}, need distinct ids).
 *
 * @param type   trainer type id found by ServiceLoader ({@code logistic}, {@code xgboost},
 *               {@code smile-rf}, ...); aliases such as {@code rf} are resolved by
 *               {@link Models#typeOf}
 * @param params the trainer's string parameters, without {@code id} and {@code seed} (the
 *               {@link BundleTrainer} assigns both); empty for the trainer's defaults
 * @param id     the model id in the bundle and the ensemble; {@code null} for the type id
 */
public record TrainerSpec(String type, Map<String, String> params, String id) {

    /** Resolves aliases, validates and copies. */
    public TrainerSpec {
        type = Models.typeOf(type);
        id = id == null ? type : Checks.notBlank(id, "id");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(params, "params")));
        for (String reserved : new String[] {"id", "seed"}) {
            if (params.containsKey(reserved)) {
                throw new IllegalArgumentException("parameters of model " + type + " must not set '" + reserved
                        + "': the trainer assigns it (set the seed on the TrainingConfig)");
            }
        }
    }

    /** A model with the type id as its id. */
    public TrainerSpec(String type, Map<String, String> params) {
        this(type, params, null);
    }

    /** The trainer's defaults. */
    public static TrainerSpec of(String typeOrAlias) {
        return new TrainerSpec(typeOrAlias, Map.of());
    }

    /** Typed settings, for example {@code LogisticRegressionSettings} or {@code XGBoostTrainer.Params}. */
    public static TrainerSpec of(TrainerSettings settings) {
        Checks.notNull(settings, "settings");
        return new TrainerSpec(settings.type(), settings.toParams());
    }

    /** This trainer with {@code more} parameters added (replacing equal keys). */
    public TrainerSpec withParams(Map<String, String> more) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.putAll(Checks.notNull(more, "params"));
        return new TrainerSpec(type, p, id);
    }

    /** This trainer with the model id {@code modelId} instead of the type id. */
    public TrainerSpec withId(String modelId) {
        return new TrainerSpec(type, params, Checks.notBlank(modelId, "modelId"));
    }
}
