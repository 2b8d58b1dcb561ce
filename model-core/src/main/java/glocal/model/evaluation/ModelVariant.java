package glocal.model.evaluation;

import glocal.model.train.ModelKind;
import glocal.model.train.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A model the evaluation compares: its name in reports, its spec, and whether adaptive user
 * weights (TALL) fill the batch weights column. Names: every {@link ModelKind} id, {@code biasnet}
 * (mtl + bias tower) and {@code adaptive} (mtl + adaptive user weights).
 */
public record ModelVariant(String name, ModelSpec spec, boolean adaptiveWeights) {

  /** Every accepted name, in report order. */
  public static final List<String> NAMES;

  static {
    List<String> names = new ArrayList<>();
    for (ModelKind k : ModelKind.values()) {
      names.add(k.id());
    }
    names.add("biasnet");
    names.add("adaptive");
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
      default -> {
        if (!NAMES.contains(n)) {
          throw new IllegalArgumentException("--models: unknown model '" + n + "'; use any of " + NAMES);
        }
        yield new ModelVariant(n, base.withKind(ModelKind.parse("--models", n)), false);
      }
    };
  }
}
