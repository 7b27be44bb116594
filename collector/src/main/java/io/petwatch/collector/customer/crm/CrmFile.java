package io.petwatch.collector.customer.crm;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;

/**
 * The bytes of an uploaded CRM export as text, forgiving nothing silently. A byte-order mark says the encoding
 * (UTF-8, UTF-16) and is dropped; otherwise the declared one ({@code ?charset=} or the Content-Type's
 * {@code charset}), else UTF-8. Bytes that are not valid in that encoding are an error naming the line, instead of
 * names quietly turned into U+FFFD (a Latin-1 export read as UTF-8).
 */
final class CrmFile {
    private CrmFile() {
    }

    static String decode(byte[] bytes, Optional<String> declared) {
        Charset charset;
        int skip = 0;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            skip = 3;
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else {
            charset = declared.map(CrmFile::charset).orElse(StandardCharsets.UTF_8);
        }
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 16);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new IllegalArgumentException("line " + lineOf(bytes, in.position()) + " is not valid "
                    + charset.name() + " (byte " + (in.position() + 1) + "); if the file is in another encoding, say"
                    + " which: ?charset=windows-1252 for a Latin-1 or Windows export, for example");
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text; // a mark the declared charset kept
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("charset '" + name + "' is not an encoding this server knows"
                    + " (UTF-8, windows-1252, ISO-8859-1, UTF-16...)");
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            line += bytes[i] == '\n' ? 1 : 0;
        }
        return line;
    }
}
