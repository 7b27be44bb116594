package io.petwatch.gateway.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A collar's detection state as bytes: a magic number, a format version, the parameters' fingerprint, the state
 * and a CRC-32 over all of it. Anything that does not check out is refused with the reason, never half-loaded.
 * Wear-run trackers are not kept: a run in progress at shutdown starts over (the rest floor they judge by is).
 *
 * <p>Version 4 fingerprints only the state's layout (history length, remembered nights). It also keeps the hours a
 * collar has been off at any time of day, the device's learned rest floor, when the pet's rest period became
 * known, and the restless rule's last five judged nights (so an episode forming at shutdown keeps its start).
 * Version 3 snapshots are read too: their fingerprint covered every threshold, so it is not compared (the layout is
 * still checked, array by array); the hours off start at zero and the floor empty.
 *
 * <p>Version 5 adds, last, the firmware the collar last reported ("" for none). The engine keeps no firmware (the
 * gateway's collar census does), but it belongs with the collar's state on disk: without it a restart would count
 * every restored collar under no firmware, and send its alerts without one, until it reported again. Kept inside
 * the checksum, so a damaged firmware refuses the snapshot like any other damage. At most
 * {@link CollarText#MAX_FIRMWARE} chars, well inside the 8 KiB per-collar budget. Versions 3 and 4 are read with the
 * firmware unknown ("").
 *
 * <p>Version 6 adds, after the firmware, the drift rule's daily totals (the newest local day, then the ring's
 * totals, worn minutes and covered shares, each a length and its values: seven bytes a day) and its episode (the
 * last day lethargy was seen firing, the open episode's start hour, the level it fired against). The ring's length
 * is read from the file, so a retuned window keeps the newest days that fit. Versions 3 to 5 are read without them:
 * the collar sums its days again from the hour ring.
 */
final class SnapshotCodec {
    static final int MAGIC = 0x50575331; // "PWS1"
    static final int VERSION = 6;
    private static final int OLDEST_READ = 3;
    private static final int RECENT_NIGHTS = 5;

    private SnapshotCodec() {
    }

    /**
     * What a snapshot holds.
     *
     * @param firmware the firmware the collar last reported, cleaned as at the edge; "" when unknown
     */
    record Decoded(CollarDetector.State state, String firmware) {
    }

    /** Why a snapshot was refused. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    /** @param firmware the firmware the collar last reported, "" for none */
    static byte[] write(CollarDetector.State s, String firmware) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 * 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(s.collarId());
            out.writeInt(s.paramsFingerprint());
            out.writeLong(s.maxMinute());
            out.writeLong(s.evaluatedUpTo());
            out.writeLong(s.ring().newest());
            writeInts(out, s.ring().activityArray());
            writeBytes(out, s.ring().wornArray());
            writeBytes(out, s.ring().seenArray());
            writeBytes(out, s.ring().activeArray());
            out.writeLong(s.seqs().highest());
            for (long word : s.seqs().bitsArray()) {
                out.writeLong(word);
            }
            out.writeLong(s.lowActivityEpisodeStart());
            writeInts(out, s.restCalmCounts());
            writeInts(out, s.restState());
            out.writeLong(s.restEpisodeStart());
            for (long v : s.device()) {
                out.writeLong(v);
            }
            writeInts(out, s.restFloor());
            out.writeLong(s.restKnownSince());
            CollarDetector.RecentNights nights = s.recentNights();
            for (long start : nights.starts()) {
                out.writeLong(start);
            }
            writeInts(out, nights.active());
            out.writeUTF(firmware);
            writeDrift(out, s.drift().orElseThrow(() -> new IllegalStateException("a running collar has drift state")));
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a snapshot in memory", e);
        }
        return bytes.toByteArray();
    }

    static Decoded read(byte[] data, int expectedFingerprint, int ringCapacity, int calmNights)
            throws Refused {
        if (data.length < 16) {
            throw new Refused("truncated (" + data.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 8);
        long stored = java.nio.ByteBuffer.wrap(data, data.length - 8, 8).getLong();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new Refused("not a PetWatch snapshot (bad magic number)");
            }
            int version = in.readInt();
            if (version < OLDEST_READ || version > VERSION) {
                throw new Refused("format version " + version + ", this gateway reads versions " + OLDEST_READ + " to "
                        + VERSION);
            }
            if (stored != crc.getValue()) {
                throw new Refused("checksum mismatch: the file is corrupted");
            }
            String collarId = in.readUTF();
            if (in.readInt() != expectedFingerprint && version >= 4) {
                throw new Refused("written with other detector parameters");
            }
            long maxMinute = in.readLong();
            long evaluatedUpTo = in.readLong();
            HourRing ring = new HourRing(ringCapacity);
            ring.restoreNewest(in.readLong());
            readInts(in, ring.activityArray());
            readBytes(in, ring.wornArray());
            readBytes(in, ring.seenArray());
            readBytes(in, ring.activeArray());
            SeqWindow seqs = new SeqWindow();
            seqs.restore(in.readLong());
            long[] bits = seqs.bitsArray();
            for (int i = 0; i < bits.length; i++) {
                bits[i] = in.readLong();
            }
            long lowStart = in.readLong();
            int[] calm = new int[2 * calmNights];
            readInts(in, calm);
            int[] restState = new int[6];
            readInts(in, restState);
            long restStart = in.readLong();
            long[] device = new long[DeviceRules.STATE_LONGS];
            for (int i = 0; i < (version == 3 ? 7 : device.length); i++) {
                device[i] = in.readLong();
            }
            int[] floor = new int[RestFloor.STATE_INTS];
            // Version 3 did not keep when the rest period became known: nights already counted were counted
            // against a known one.
            long restKnownSince = restState[0] + restState[2] > 0 ? Long.MIN_VALUE + 1 : Long.MIN_VALUE;
            // Nor the recent nights: an open episode's start stands for all of them, as version 3 restored it.
            long[] starts = new long[RECENT_NIGHTS];
            java.util.Arrays.fill(starts, restStart);
            int[] active = new int[RECENT_NIGHTS];
            if (version >= 4) {
                readInts(in, floor);
                restKnownSince = in.readLong();
                for (int i = 0; i < starts.length; i++) {
                    starts[i] = in.readLong();
                }
                readInts(in, active);
            }
            // Cleaned again on the way in, so what goes back to the collector is what the edge would let through
            // today, whichever gateway wrote the file.
            String firmware = version >= 5 ? CollarText.clean(in.readUTF(), CollarText.MAX_FIRMWARE) : "";
            Optional<CollarDetector.Drift> drift = version >= 6 ? Optional.of(readDrift(in)) : Optional.empty();
            return new Decoded(new CollarDetector.State(collarId, expectedFingerprint, maxMinute, evaluatedUpTo, ring,
                    seqs, lowStart, calm, restState, restStart, device, floor, restKnownSince,
                    new CollarDetector.RecentNights(starts, active), drift), firmware);
        } catch (IOException | RuntimeException e) {
            throw new Refused("unreadable: " + e);
        }
    }

    private static void writeDrift(DataOutputStream out, CollarDetector.Drift d) throws IOException {
        out.writeLong(d.newestDay());
        writeInts(out, d.activity());
        out.writeInt(d.worn().length);
        for (short v : d.worn()) {
            out.writeShort(v);
        }
        writeBytes(out, d.share());
        out.writeLong(d.lethargyDay());
        out.writeLong(d.episodeStartHour());
        out.writeFloat(d.levelThen());
    }

    private static CollarDetector.Drift readDrift(DataInputStream in) throws IOException {
        long newestDay = in.readLong();
        int[] activity = new int[length(in, DriftParams.MAX_WINDOW_DAYS)];
        for (int i = 0; i < activity.length; i++) {
            activity[i] = in.readInt();
        }
        short[] worn = new short[length(in, DriftParams.MAX_WINDOW_DAYS)];
        for (int i = 0; i < worn.length; i++) {
            worn[i] = in.readShort();
        }
        byte[] share = new byte[length(in, DriftParams.MAX_WINDOW_DAYS)];
        in.readFully(share);
        if (worn.length != activity.length || share.length != activity.length) {
            throw new IOException("daily totals of " + activity.length + " days with " + worn.length + " worn and "
                    + share.length + " shares");
        }
        return new CollarDetector.Drift(newestDay, activity, worn, share, in.readLong(), in.readLong(), in.readFloat());
    }

    /** A saved array's length, which the file sets (checked against what any gateway writes). */
    private static int length(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 1 || n > max) {
            throw new IOException("expected 1.." + max + " values, found " + n);
        }
        return n;
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] values) throws IOException {
        out.writeInt(values.length);
        out.write(values);
    }

    private static void readInts(DataInputStream in, int[] into) throws IOException {
        int n = in.readInt();
        if (n != into.length) {
            throw new IOException("expected " + into.length + " values, found " + n);
        }
        for (int i = 0; i < n; i++) {
            into[i] = in.readInt();
        }
    }

    private static void readBytes(DataInputStream in, byte[] into) throws IOException {
        int n = in.readInt();
        if (n != into.length) {
            throw new IOException("expected " + into.length + " bytes, found " + n);
        }
        in.readFully(into);
    }
}
