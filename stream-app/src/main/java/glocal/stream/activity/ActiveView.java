package glocal.stream.activity;

import glocal.model.labelling.ActivityGroup;
import glocal.model.labelling.UserActivity;
import glocal.model.labelling.ViewWithActivity;
import glocal.schemas.avro.EventType;
import glocal.schemas.avro.ViewEvent;

/**
 * A validated view with its user's activity state after the view, passed between processors; the
 * example rules read it as a {@link ViewWithActivity}.
 *
 * @param eventTimeMs the view's event time, epoch ms (read once from the record)
 */
public record ActiveView(
        ViewEvent view,
        long eventTimeMs,
        UserActivity activity,
        boolean active,
        ActivityGroup group)
        implements ViewWithActivity {

    @Override
    public String eventId() {
        return view.getEventId();
    }

    @Override
    public String userId() {
        return view.getUserId();
    }

    @Override
    public String titleId() {
        return view.getTitleId();
    }

    @Override
    public String territory() {
        return view.getTerritory();
    }

    @Override
    public boolean isPlay() {
        return view.getEventType() == EventType.PLAY;
    }

    @Override
    public float watchRatio() {
        Float ratio = view.getWatchRatio();
        return ratio == null ? 0f : ratio;
    }

    @Override
    public boolean finished() {
        return view.getFinished();
    }

    @Override
    public boolean skipped() {
        return view.getSkipped();
    }
}
