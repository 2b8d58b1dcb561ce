package glocal.model.evaluation;

import glocal.model.synthetic.Region;
import glocal.model.synthetic.SyntheticWorld;
import glocal.model.territory.GroupingStrategy;
import glocal.model.territory.TerritoryGrouping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The territory grouping of an evaluation, as {@code glocal evaluate --groups} names it: {@code
 * region} (the synthetic world's regions), {@code volume} or {@code viewership} (computed from the
 * training plays with the stream's {@link GroupingStrategy}, {@value #GROUPS} groups or one per
 * territory when there are fewer), or a file in the {@code glocal.territory.groups} syntax ({@code
 * US:0,CA:0,BR:1}, entries separated by commas or line breaks, {@code #} starts a comment), whose
 * largest id + 1 is the group count.
 */
public final class GroupingChoice {

    /**
     * Groups of the computed groupings (the stream's {@code glocal.territory.group.count} default).
     */
    public static final int GROUPS = 4;

    public static final GroupingChoice REGION = new GroupingChoice("region", null);
    public static final GroupingChoice VOLUME = new GroupingChoice("volume", null);
    public static final GroupingChoice VIEWERSHIP = new GroupingChoice("viewership", null);

    private final String name;
    private final TerritoryGrouping fixed;

    private GroupingChoice(String name, TerritoryGrouping fixed) {
        this.name = name;
        this.fixed = fixed;
    }

    /** {@code region}, {@code volume}, {@code viewership} or the path of a grouping file. */
    public static GroupingChoice parse(String value) {
        for (GroupingChoice c : List.of(REGION, VOLUME, VIEWERSHIP)) {
            if (c.name.equals(value)) {
                return c;
            }
        }
        Path file = Path.of(value);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "--groups "
                            + value
                            + ": neither region, volume, viewership nor a "
                            + "readable grouping file (TERRITORY:GROUP entries, e.g. US:0,CA:0,BR:1)");
        }
        try {
            String text = Files.readString(file).replaceAll("#[^\\n]*", "");
            Map<String, Integer> assignment = TerritoryGrouping.parseAssignment(text);
            if (assignment.isEmpty()) {
                throw new IllegalArgumentException("it lists no territory");
            }
            int groups =
                    assignment.values().stream().mapToInt(Integer::intValue).max().orElseThrow()
                            + 1;
            return new GroupingChoice(value, TerritoryGrouping.of(assignment, groups));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "--groups " + value + ": cannot read it: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--groups " + value + ": " + e.getMessage(), e);
        }
    }

    /** The name it was given by (a path for a file). */
    public String name() {
        return name;
    }

    /**
     * The strategy for a run on {@code world}'s views (null: a views file) with {@code territories}
     * territories; {@code region} needs a world.
     */
    public GroupingStrategy strategy(SyntheticWorld world, int territories) {
        if (fixed != null) {
            return GroupingStrategy.fixed(fixed);
        }
        int groups = Math.max(1, Math.min(GROUPS, territories));
        return switch (name) {
            case "volume" -> GroupingStrategy.volume(groups);
            case "viewership" -> GroupingStrategy.viewership(groups);
            default -> {
                if (world == null) {
                    throw new IllegalArgumentException(
                            "--groups region: a views file has no regions; use volume, "
                                    + "viewership or a grouping file");
                }
                yield region(world);
            }
        };
    }

    /** One group per region of the world (AMER, LATAM, EMEA, APAC). */
    static GroupingStrategy region(SyntheticWorld world) {
        Map<String, String> regionOf = new HashMap<>();
        world.territories().forEach(t -> regionOf.put(t.code(), t.region().name()));
        return GroupingStrategy.region(
                regionOf, Arrays.stream(Region.values()).map(Enum::name).toList());
    }

    @Override
    public String toString() {
        return name;
    }
}
