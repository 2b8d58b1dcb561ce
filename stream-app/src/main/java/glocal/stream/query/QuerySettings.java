package glocal.stream.query;

import static glocal.stream.config.GlocalStreamsConfig.*;

import glocal.model.labelling.ActivityPolicy;
import glocal.stream.config.GlocalStreamsConfig;
import java.time.Duration;

/**
 * What the query endpoint needs from the configuration.
 *
 * @param activity how a user's activity state is read (window, thresholds)
 * @param defaultTopK titles a territory's top-K query returns without {@code ?k=}
 * @param localShare θ of a title's local/global class
 * @param globalTopK size of the global top-K that makes a title global
 * @param forwardTimeout how long another instance may take to answer before this one answers 503
 */
public record QuerySettings(
        ActivityPolicy activity,
        int defaultTopK,
        double localShare,
        int globalTopK,
        Duration forwardTimeout) {

    public static QuerySettings from(GlocalStreamsConfig config) {
        return new QuerySettings(
                config.labellingPolicy().activity(),
                config.getInt(TERRITORY_TOP_K_CONFIG),
                config.getDouble(LOCAL_SHARE_CONFIG),
                config.getInt(GLOBAL_TOP_K_CONFIG),
                Duration.ofMillis(config.getLong(QUERY_FORWARD_TIMEOUT_MS_CONFIG)));
    }
}
