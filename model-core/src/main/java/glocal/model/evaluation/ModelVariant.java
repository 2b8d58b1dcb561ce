package glocal.model.evaluation;

import glocal.model.train.ModelKind;
import glocal.model.train.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A model the evaluation compares: its name in reports, its spec, and whether adaptive user
 * weights (TALL) fill the batch weights column. Names: every {@link ModelKind} id, {@code biasnet}
 * (mtl + bias tower), {@code adaptive} (mtl + adaptive user weights) and {@code tall} (TALL's
 * loss-driven mixture of MultVAE experts, trained offline on the training period's histories; its
 * spec is unused).
 */
public record ModelVariant(String name, ModelSpec spec, boolean adaptiveWeights) {

  /** Name of TALL's mixture of MultVAE experts. */
  public static final String TALL = "tall";

  /** Every accepted name, in report order. */
  public static final List<String> NAMES;

  static {
    List<String> names = new ArrayList<>();
    for (ModelKind k : ModelKind.values()) {
      names.add(k.id());
    }
    names.add("biasnet");
    names.add("adaptive");
    names.add(TALL);
    NAMES = List.copyOf(names);
  }

  /** The variant called {@code name} for {@code territoryGroups} groups; fails listing the names. */
  public static ModelVariant parse(String name, int territoryGroups, long seed) {
    String n = name.trim();
    ModelSpec base = ModelSpec.defaults(ModelKind.MTL)
        .with(ModelSpec.TERRITORY_GROUPS, Integer.toString(territoryGroups), ModelSpec.SEED, Long.toString(seed));
    return switch (n) {
      case "biasnet" -> new ModelVariant(n, base.with(ModelSpec.BIASNET, "true"), false);
      case "adaptive" -> new ModelVariant(n, base, true);
      case TALL -> new ModelVariant(n, base, false);
      default -> {
        if (!NAMES.contains(n)) {
          throw new IllegalArgumentException("--models: unknown model '" + n + "'; use any of " + NAMES);
        }
        yield new ModelVariant(n, base.withKind(ModelKind.parse("--models", n)), false);
      }
    };
  }

  /** Whether this is TALL's mixture of MultVAE experts rather than an online two-tower model. */
  public boolean tallExperts() {
    return TALL.equals(name);
  }
}
