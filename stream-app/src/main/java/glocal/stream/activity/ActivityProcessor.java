package glocal.stream.activity;

import glocal.model.labelling.ActivityPolicy;
import glocal.model.labelling.UserActivity;
import glocal.schemas.avro.EventType;
import glocal.schemas.avro.ViewEvent;
import glocal.stream.state.Interner;
import glocal.stream.state.TaskLocal;
import glocal.stream.state.WriteBehind;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the {@value #STORE} store: each PLAY updates its user's {@link UserActivity}; every view
 * (plays and impressions) goes on as an {@link ActiveView} carrying the user's state, active flag
 * and activity group.
 *
 * <p>States live in a {@link WriteBehind} view of the store: the last {@code cachedUsers} users'
 * states stay in memory, and a user who played between two commits costs one store write (and one
 * changelog record) at the commit, however many plays it was. Title ids and territory codes are
 * interned, so the states in memory share their strings.
 */
public final class ActivityProcessor implements Processor<String, ViewEvent, String, ActiveView> {

    public static final String STORE = "active-users";

    private static final int INTERNED_STRINGS = 1 << 20;

    private final ActivityPolicy policy;
    private final int cachedUsers;
    private final Interner strings = new Interner(INTERNED_STRINGS);
    private ProcessorContext<String, ActiveView> context;
    private WriteBehind<String, UserActivity> users;

    public ActivityProcessor(ActivityPolicy policy, int cachedUsers) {
        this.policy = policy;
        this.cachedUsers = cachedUsers;
    }

    @Override
    public void init(ProcessorContext<String, ActiveView> context) {
        this.context = context;
        KeyValueStore<String, UserActivity> store = context.getStateStore(STORE);
        users = WriteBehind.cached(store, cachedUsers);
        TaskLocal local = context.getStateStore(TaskLocal.STORE);
        local.beforeCommit(users::writeDirty);
    }

    @Override
    public void process(Record<String, ViewEvent> record) {
        ViewEvent view = record.value();
        String user = view.getUserId();
        long time = view.getEventTime().toEpochMilli();
        UserActivity state = users.get(user);
        if (view.getEventType() == EventType.PLAY) {
            state =
                    policy.play(
                            state,
                            strings.intern(view.getTitleId()),
                            strings.intern(view.getTerritory()),
                            time);
            users.put(user, state);
        }
        context.forward(
                record.withKey(user)
                        .withValue(
                                new ActiveView(
                                        view,
                                        time,
                                        state,
                                        policy.isActive(state, time),
                                        policy.group(state, time))));
    }
}
