package dev.migrateportkey.lang.treesitter;

/**
 * A text's UTF-8 bytes, as tree-sitter reads them, with the mapping from byte offsets back to the
 * {@code char} offsets that {@link dev.migrateportkey.edit.TextEdit}s use.
 *
 * <p>Tree-sitter reports UTF-8 byte offsets. A {@code char} offset differs from the byte offset as
 * soon as one non-ASCII character comes before it (two or three bytes for one {@code char}, four
 * bytes for a surrogate pair). The encoding is done here, not by {@link String#getBytes}, so that
 * the bytes and the map come from one pass and agree even for a lone surrogate (written as U+FFFD,
 * three bytes for one {@code char}). The bindings' own {@code parseString} is not used: it hands
 * the native side JNI "modified UTF-8", where a character outside the BMP takes six bytes and NUL
 * two, so its offsets would not be UTF-8 offsets.
 */
public final class Utf8Offsets {
    private final byte[] bytes;
    /** charAt[b] = char offset of the character that byte b belongs to; charAt[length] = text length. */
    private final int[] charAt;
    private final boolean ascii;
    private final int textLength;

    public Utf8Offsets(String text) {
        this.textLength = text.length();
        int n = 0;
        boolean allAscii = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else {
                allAscii = false;
                if (c < 0x800) {
                    n += 2;
                } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    n += 4;
                    i++;
                } else {
                    n += 3;
                }
            }
        }
        this.ascii = allAscii;
        this.bytes = new byte[n];
        this.charAt = allAscii ? null : new int[n + 1];
        int b = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int start = b;
            if (c < 0x80) {
                bytes[b++] = (byte) c;
            } else if (c < 0x800) {
                bytes[b++] = (byte) (0xC0 | (c >> 6));
                bytes[b++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(i + 1));
                bytes[b++] = (byte) (0xF0 | (cp >> 18));
                bytes[b++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                bytes[b++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                bytes[b++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                int cp = Character.isSurrogate(c) ? 0xFFFD : c;
                bytes[b++] = (byte) (0xE0 | (cp >> 12));
                bytes[b++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                bytes[b++] = (byte) (0x80 | (cp & 0x3F));
            }
            if (charAt != null) {
                for (int k = start; k < b; k++) {
                    charAt[k] = i;
                }
            }
            if (b - start == 4) {
                i++;
            }
        }
        if (charAt != null) {
            charAt[n] = text.length();
        }
    }

    /** The UTF-8 bytes (shared, do not modify). */
    byte[] bytes() {
        return bytes;
    }

    public int byteLength() {
        return bytes.length;
    }

    /**
     * The {@code char} offset of a byte offset. A byte inside a multi-byte character maps to the
     * start of that character; offsets outside the text are clamped to it.
     */
    public int charOffset(int byteOffset) {
        if (byteOffset <= 0) {
            return 0;
        }
        if (byteOffset >= bytes.length) {
            return textLength;
        }
        return ascii ? byteOffset : charAt[byteOffset];
    }
}
