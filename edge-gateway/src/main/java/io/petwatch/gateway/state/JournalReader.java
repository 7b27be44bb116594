package io.petwatch.gateway.state;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinylog.Logger;

/** Reads one journal segment back: every intact record in order, up to the first torn or corrupted one. */
final class JournalReader {
    private JournalReader() {
    }

    static long replay(Path segment, Journal.Replayer replayer) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(segment)))) {
            return replay(segment, in, replayer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal segment " + segment, e);
        }
    }

    private static long replay(Path segment, DataInputStream in, Journal.Replayer replayer) throws IOException {
        long count = 0;
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException end) {
                return count;
            }
            byte[] body = length > 0 && length <= Journal.MAX_RECORD ? readBody(in, length + 4) : null;
            if (body == null || Journal.crc(body, 4, length) != ByteBuffer.wrap(body).getInt()) {
                // Written but never synced before a crash: it was never acknowledged either.
                Logger.warn("Journal segment {} ends in an incomplete record after {} records; the rest is ignored",
                        segment.getFileName(), count);
                return count;
            }
            ByteBuffer record = ByteBuffer.wrap(body, 4, length);
            byte type = record.get();
            long position = record.getLong();
            replayer.apply(position, decode(type, record));
            count++;
        }
    }

    private static byte[] readBody(InputStream in, int length) throws IOException {
        byte[] body = in.readNBytes(length);
        return body.length == length ? body : null;
    }

    private static JournalEntry decode(byte type, ByteBuffer record) throws IOException {
        long wallMs = record.getLong();
        byte[] id = new byte[record.getShort() & 0xFFFF];
        record.get(id);
        String collarId = new String(id, StandardCharsets.UTF_8);
        return switch (type) {
            case Journal.BATCH -> {
                byte[] payload = new byte[record.getInt()];
                record.get(payload);
                yield new JournalEntry.Batch(wallMs, collarId, payload);
            }
            case Journal.STATUS -> new JournalEntry.Status(wallMs, collarId, record.get() != 0);
            case Journal.TICK -> new JournalEntry.Tick(wallMs, collarId);
            case Journal.FORGET -> new JournalEntry.Forget(wallMs, collarId);
            default -> throw new IOException("unknown journal record type " + type);
        };
    }
}
