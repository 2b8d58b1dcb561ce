package glocal.stream.activity;

import glocal.schemas.avro.EventType;
import glocal.schemas.avro.ViewEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the {@value #STORE} store: each PLAY updates its user's {@link UserActivity}; every view
 * (plays and impressions) goes on as an {@link ActiveView} carrying the user's state, active flag
 * and activity group.
 */
public final class ActivityProcessor implements Processor<String, ViewEvent, String, ActiveView> {

  public static final String STORE = "active-users";

  private final ActivityPolicy policy;
  private ProcessorContext<String, ActiveView> context;
  private KeyValueStore<String, UserActivity> store;

  public ActivityProcessor(ActivityPolicy policy) {
    this.policy = policy;
  }

  @Override
  public void init(ProcessorContext<String, ActiveView> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, ViewEvent> record) {
    ViewEvent view = record.value();
    String user = view.getUserId();
    long time = view.getEventTime().toEpochMilli();
    UserActivity state = store.get(user);
    if (view.getEventType() == EventType.PLAY) {
      state = policy.play(state, view.getTitleId(), view.getTerritory(), time);
      store.put(user, state);
    }
    context.forward(record.withKey(user).withValue(
        new ActiveView(view, state, policy.isActive(state, time), policy.group(state, time))));
  }
}
