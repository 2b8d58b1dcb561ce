package glocal.stream.activity;

import glocal.stream.state.BinaryCodec;
import glocal.stream.state.BinaryReader;
import glocal.stream.state.BinaryWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Store codec of {@link UserActivity}. */
public final class UserActivityCodec extends BinaryCodec<UserActivity> {

  public UserActivityCodec() {
    super(1);
  }

  @Override
  protected void write(UserActivity a, BinaryWriter out) {
    out.writeLong(a.totalViews()).writeLong(a.firstSeen()).writeLong(a.lastSeen()).writeLong(a.headBucket());
    out.writeInt(a.buckets().length);
    for (int b : a.buckets()) {
      out.writeInt(b);
    }
    out.writeInt(a.territoryViews().size());
    a.territoryViews().forEach((t, n) -> out.writeString(t).writeInt(n));
    out.writeInt(a.recentTitles().size());
    a.recentTitles().forEach(out::writeString);
  }

  @Override
  protected UserActivity read(BinaryReader in) {
    long total = in.readLong();
    long first = in.readLong();
    long last = in.readLong();
    long head = in.readLong();
    int[] buckets = new int[in.readInt()];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = in.readInt();
    }
    int nt = in.readInt();
    Map<String, Integer> territories = new HashMap<>(nt * 2);
    for (int i = 0; i < nt; i++) {
      territories.put(in.readString(), in.readInt());
    }
    int nr = in.readInt();
    List<String> recent = new ArrayList<>(nr);
    for (int i = 0; i < nr; i++) {
      recent.add(in.readString());
    }
    return new UserActivity(total, first, last, head, buckets, territories, recent);
  }
}
