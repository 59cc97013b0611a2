package dev.sextant.trading.engine.rl;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelProvider;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.policy.PolicyModel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the policy of a bundle directory, whatever its model type: a {@link PpoPolicy}
 * ({@value PpoPolicy#TYPE}) or any other type whose provider, found by ServiceLoader, returns a
 * {@link PolicyModel} (for example {@code onnx-policy} from {@code trading-models-onnx}, an actor
 * exported to ONNX). Every checksum is verified first, as for any bundle.
 */
public final class PolicyBundle {
    private PolicyBundle() {
    }

    /**
     * Verifies the bundle and loads its single policy; the caller closes it.
     *
     * @throws ModelLoadException if the bundle is not a directory, is tampered, holds other than
     *                            one model, the model's type has no provider on the class path,
     *                            the model is not a policy, or its feature spec is not the
     *                            manifest's
     */
    public static PolicyModel load(Path dir) {
        Checks.notNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException("policy bundle " + dir + " must be a directory");
        }
        BundleManifest m = ModelBundle.verify(dir);
        if (m.models().size() != 1) {
            throw new ModelLoadException("policy bundle " + dir + " must hold one model but holds "
                    + m.models().size());
        }
        BundleManifest.ModelEntry e = m.models().get(0);
        if (e.type().equals(PpoPolicy.TYPE)) {
            return checked(dir, m, PpoPolicy.load(dir.resolve(e.file())));
        }
        ModelProvider provider;
        try {
            provider = Models.provider(e.type());
        } catch (ModelLoadException missing) {
            throw new ModelLoadException("policy bundle " + dir + " model '" + e.id() + "' has type '" + e.type()
                    + "' but no adapter for it is on the class path: add " + Models.artifactFor(e.type()), missing);
        }
        Model loaded = provider.load(dir.resolve(e.file()), e.options());
        if (!(loaded instanceof PolicyModel policy)) {
            loaded.close();
            throw new ModelLoadException("policy bundle " + dir + " model '" + e.id() + "' has type '" + e.type()
                    + "', which is not a policy (no observation in, direction and size out)");
        }
        try {
            return checked(dir, m, policy);
        } catch (ModelLoadException ex) {
            policy.close();
            throw ex;
        }
    }

    private static PolicyModel checked(Path dir, BundleManifest m, PolicyModel policy) {
        if (!policy.layout().spec().hash().equals(m.featureSpecHash())) {
            throw new ModelLoadException("policy bundle " + dir + ": the policy observes feature spec '"
                    + policy.layout().spec().name() + "' (hash " + policy.layout().spec().hash()
                    + ") but the manifest records hash " + m.featureSpecHash());
        }
        return policy;
    }
}
