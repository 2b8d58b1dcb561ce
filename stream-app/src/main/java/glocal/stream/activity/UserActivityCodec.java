package glocal.stream.activity;

import glocal.model.labelling.UserActivity;
import glocal.stream.state.BinaryCodec;
import glocal.stream.state.BinaryReader;
import glocal.stream.state.BinaryWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Store codec of {@link UserActivity}. Version 2 writes counts and times as varints (last seen as
 * its distance from first seen, buckets mostly one byte each) and strings with a one-byte length: a
 * state with 50 recent titles takes about a third fewer bytes than version 1's fixed-width fields,
 * in the store and in its changelog. Version 1 values (changelogs written before) are still read.
 */
public final class UserActivityCodec extends BinaryCodec<UserActivity> {

    public UserActivityCodec() {
        super(2);
    }

    @Override
    protected void write(UserActivity a, BinaryWriter out) {
        out.writeVarLong(a.totalViews())
                .writeZigZagLong(a.firstSeen())
                .writeZigZagLong(a.lastSeen() - a.firstSeen())
                .writeZigZagLong(a.headBucket());
        out.writeVarLong(a.buckets().length);
        for (int b : a.buckets()) {
            out.writeVarLong(b & 0xFFFF_FFFFL);
        }
        out.writeVarLong(a.territoryViews().size());
        a.territoryViews()
                .forEach((t, n) -> out.writeShortString(t).writeVarLong(n & 0xFFFF_FFFFL));
        List<String> recent = a.recentTitles();
        out.writeVarLong(recent.size());
        for (int i = 0, n = recent.size(); i < n; i++) {
            out.writeShortString(recent.get(i));
        }
    }

    @Override
    protected UserActivity read(BinaryReader in) {
        long total = in.readVarLong();
        long first = in.readZigZagLong();
        long last = first + in.readZigZagLong();
        long head = in.readZigZagLong();
        int[] buckets = new int[count(in)];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = (int) in.readVarLong();
        }
        int nt = count(in);
        Map<String, Integer> territories = new HashMap<>(nt * 2);
        for (int i = 0; i < nt; i++) {
            territories.put(in.readShortString(), (int) in.readVarLong());
        }
        int nr = count(in);
        List<String> recent = new ArrayList<>(nr);
        for (int i = 0; i < nr; i++) {
            recent.add(in.readShortString());
        }
        return new UserActivity(total, first, last, head, buckets, territories, recent);
    }

    private static int count(BinaryReader in) {
        long n = in.readVarLong();
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad element count " + n);
        }
        return (int) n;
    }

    /** Version 1: fixed-width little-endian fields and 4-byte string lengths. */
    @Override
    protected UserActivity readOlder(int version, BinaryReader in) {
        if (version != 1) {
            return null;
        }
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
