package dev.migrateportkey.edit;

import java.util.Arrays;

/**
 * A file's decoded text with a line table: converts between offsets and 1-based line/column, and
 * answers the layout questions that edits need (where a line starts, its indentation, the file's
 * own line separator). Line terminators are {@code \n}, {@code \r\n} and a lone {@code \r}, as in
 * javac and JavaParser.
 */
public final class SourceText {
    private final String text;
    private final int[] lineStarts;
    private final String lineSeparator;

    public SourceText(String text) {
        this.text = text;
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        int crlf = 0;
        int lf = 0;
        int cr = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                    crlf++;
                } else if (c == '\r') {
                    cr++;
                } else {
                    lf++;
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
        this.lineSeparator = crlf > lf && crlf >= cr ? "\r\n" : (cr > lf ? "\r" : "\n");
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** The separator most lines of this file end with; new lines are written with it. */
    public String lineSeparator() {
        return lineSeparator;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** Offset of a 1-based line and column. */
    public int offset(int line, int column) {
        int l = Math.max(1, Math.min(line, lineStarts.length));
        return Math.min(text.length(), lineStarts[l - 1] + Math.max(0, column - 1));
    }

    /** 1-based line of an offset. */
    public int line(int offset) {
        int idx = Arrays.binarySearch(lineStarts, offset);
        return idx >= 0 ? idx + 1 : -idx - 1;
    }

    /** 1-based column of an offset. */
    public int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    public int lineStart(int offset) {
        return lineStarts[line(offset) - 1];
    }

    /** Offset just past the line terminator of the line holding {@code offset} (or the text end). */
    public int nextLineStart(int offset) {
        int l = line(offset);
        return l < lineStarts.length ? lineStarts[l] : text.length();
    }

    /** Offset of the line terminator of the line holding {@code offset} (or the text end). */
    public int lineEnd(int offset) {
        int next = nextLineStart(offset);
        int end = next;
        if (end > 0 && end <= text.length() && end > lineStart(offset)) {
            if (text.charAt(end - 1) == '\n') {
                end--;
            }
            if (end > lineStart(offset) && text.charAt(end - 1) == '\r') {
                end--;
            }
        }
        return Math.max(end, Math.min(offset, end));
    }

    /** The run of spaces and tabs that starts the line holding {@code offset}. */
    public String indentation(int offset) {
        int s = lineStart(offset);
        int i = s;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(s, i);
    }

    /** True when only spaces and tabs stand between the start of the line and {@code offset}. */
    public boolean onlyBlankBefore(int offset) {
        for (int i = lineStart(offset); i < offset; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** True when only blanks, or blanks and a {@code //} comment, follow {@code offset} on its line. */
    public boolean onlyBlankOrCommentAfter(int offset, String lineCommentMarker) {
        int end = lineEnd(offset);
        int i = offset;
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i == end || (lineCommentMarker != null && text.startsWith(lineCommentMarker, i));
    }

    public String lineText(int line) {
        int s = lineStarts[line - 1];
        return text.substring(s, lineEnd(s));
    }
}
