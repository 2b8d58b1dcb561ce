package glocal.stream.bench;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.ViewEvent;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A seeded stream of plausible views for benchmarks: users spread over territories with skewed
 * volume, title popularity roughly Zipf within a territory-local and a global catalogue, 80 % plays
 * and 20 % impressions, event times advancing a few ms per view.
 */
public final class SyntheticViews {

    private static final String[] TERRITORIES = {
        "US", "US", "US", "BR", "BR", "GB", "DE", "FR", "KR", "JP", "MX", "CA"
    };

    private final SplittableRandom rng;
    private final int users;
    private final int titles;
    private final double timeScale;
    private long time;
    private long sequence;

    public SyntheticViews(long seed, int users, int titles, long startTimeMs) {
        this(seed, users, titles, startTimeMs, 1);
    }

    /**
     * As above with event times advancing {@code timeScale} times faster (1 ms a view on average at
     * 1).
     */
    public SyntheticViews(long seed, int users, int titles, long startTimeMs, double timeScale) {
        this.rng = new SplittableRandom(seed);
        this.users = users;
        this.titles = titles;
        this.time = startTimeMs;
        this.timeScale = timeScale;
    }

    public ViewEvent next() {
        int user = (int) (users * Math.pow(rng.nextDouble(), 2)); // heavy users view more
        String territory = TERRITORIES[user % TERRITORIES.length];
        int title = (int) (titles * Math.pow(rng.nextDouble(), 3));
        String titleId =
                rng.nextInt(3) == 0 ? territory + "-t" + (title % (titles / 4 + 1)) : "t" + title;
        boolean play = rng.nextInt(5) != 0;
        time += Math.round(rng.nextInt(3) * timeScale);
        return ViewEvent.newBuilder()
                .setEventId("ev" + sequence++)
                .setUserId("u" + user)
                .setTitleId(titleId)
                .setTerritory(territory)
                .setEventTime(Instant.ofEpochMilli(time))
                .setEventType(play ? EventType.PLAY : EventType.IMPRESSION)
                .setWatchRatio(play ? (float) rng.nextDouble() : null)
                .setFinished(play && rng.nextInt(3) == 0)
                .setSkipped(play && rng.nextInt(5) == 0)
                .build();
    }
}
