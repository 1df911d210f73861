package dev.migrateportkey.workspace;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A file's bytes as text, with what is needed to turn edited text back into bytes that differ
 * only where edited: the BOM, and whether the bytes were valid UTF-8.
 *
 * <p>Bytes that are not valid UTF-8 are decoded one byte per character (ISO-8859-1), which maps
 * every byte sequence to text and back unchanged; edits, which are ASCII, then touch only their
 * own bytes. Nothing is ever re-encoded into another charset.
 *
 * @param text              the decoded text, without the BOM
 * @param bom               whether the bytes began with a UTF-8 byte order mark
 * @param validUtf8         false when the bytes were decoded byte-for-byte
 * @param firstInvalidByte  offset of the first byte that is not UTF-8, or -1
 */
public record DecodedText(String text, boolean bom, boolean validUtf8, long firstInvalidByte) {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    public static DecodedText decode(byte[] bytes) {
        boolean bom = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
        int off = bom ? 3 : 0;
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, off, bytes.length - off);
        try {
            CharBuffer cb = dec.decode(in);
            return new DecodedText(cb.toString(), bom, true, -1);
        } catch (CharacterCodingException e) {
            long bad = firstInvalid(bytes, off);
            return new DecodedText(new String(bytes, off, bytes.length - off, StandardCharsets.ISO_8859_1), bom, false, bad);
        }
    }

    /** The bytes for {@code newText}, with this file's BOM and encoding. */
    public byte[] encode(String newText) {
        byte[] body = newText.getBytes(validUtf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        if (!bom) {
            return body;
        }
        byte[] out = new byte[body.length + 3];
        System.arraycopy(BOM, 0, out, 0, 3);
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    private static long firstInvalid(byte[] bytes, int off) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, off, bytes.length - off);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        dec.decode(in, out, true);
        return in.position();
    }
}
