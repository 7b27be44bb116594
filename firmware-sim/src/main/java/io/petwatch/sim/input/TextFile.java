package io.petwatch.sim.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A text file people write, read as UTF-8 or refused with the line of its first bad byte. */
public final class TextFile {
    private TextFile() {
    }

    /** The file's text (a leading byte order mark dropped); a file that is not UTF-8 is an error naming the line. */
    public static String read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InputException(path.getFileName() + ": no such file (" + path + ")");
        } catch (IOException e) {
            throw new InputException(path.getFileName() + ": cannot read it (" + e.getMessage() + ")");
        }
        return decode(path.getFileName().toString(), bytes);
    }

    static String decode(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw new InputException(String.format("%s line %d: the file is not UTF-8 (byte 0x%02X at offset %d);"
                    + " save it as UTF-8", name, line(bytes, at), bytes[at] & 0xFF, at));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int line(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            line += bytes[i] == '\n' ? 1 : 0;
        }
        return line;
    }
}
