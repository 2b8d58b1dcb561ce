package glocal.model.optim;

/**
 * Adam hyperparameters. Weight decay is decoupled (AdamW): it shrinks weights directly instead of
 * being added to the gradient, so it does not interact with the adaptive step size.
 */
public record AdamConfig(
        float learningRate, float beta1, float beta2, float epsilon, float weightDecay) {

    public AdamConfig {
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException(
                    "learning rate must be a finite number > 0, was " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(
                    "Adam betas must be in [0, 1), were " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("Adam epsilon must be > 0, was " + epsilon);
        }
        if (!(weightDecay >= 0) || !Float.isFinite(weightDecay)) {
            throw new IllegalArgumentException(
                    "weight decay must be a finite number >= 0, was " + weightDecay);
        }
    }

    /** {@code config} with its learning rate times {@code scale} (> 0). */
    public static AdamConfig scaled(AdamConfig config, float scale) {
        return new AdamConfig(
                config.learningRate * scale,
                config.beta1,
                config.beta2,
                config.epsilon,
                config.weightDecay);
    }

    public static AdamConfig of(float learningRate, float weightDecay) {
        return new AdamConfig(learningRate, 0.9f, 0.999f, 1e-8f, weightDecay);
    }
}
