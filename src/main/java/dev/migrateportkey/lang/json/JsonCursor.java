package dev.migrateportkey.lang.json;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.UnparseableFileException;

/**
 * A position in a JSON text and the token steps every reader of the tool's JSON needs: blanks and
 * comments, separators, string ends, skipping a value, and errors with line and column. Readers that
 * keep offsets into the original text (settings files, notebooks) extend it instead of each writing
 * their own tokenizer.
 */
public abstract class JsonCursor {
    protected final SourceText text;
    protected final String s;
    protected int pos;

    protected JsonCursor(SourceText text) {
        this.text = text;
        this.s = text.text();
    }

    /** Called for a comment that stands alone on lines {@code fromLine}..{@code toLine}; nothing by default. */
    protected void commentLines(int fromLine, int toLine) {
    }

    /** Skips blanks, a byte-order mark and comments ({@code //}, {@code /* *}{@code /}: JSONC files allow them). */
    protected void skip() throws UnparseableFileException {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF') {
                pos++;
            } else if (s.startsWith("//", pos)) {
                if (text.onlyBlankBefore(pos)) {
                    commentLines(text.line(pos), text.line(pos));
                }
                pos = text.lineEnd(pos);
            } else if (s.startsWith("/*", pos)) {
                int end = s.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error("unterminated comment");
                }
                if (text.onlyBlankBefore(pos)) {
                    commentLines(text.line(pos), text.line(end));
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    protected void expectMore() throws UnparseableFileException {
        if (pos >= s.length()) {
            throw error("the JSON text ends too early");
        }
    }

    /** After a member or item: a comma (true, more may follow) or the closing bracket (false). */
    protected boolean separator(char close) throws UnparseableFileException {
        skip();
        expectMore();
        char c = s.charAt(pos);
        if (c == ',') {
            pos++;
            return true;
        }
        if (c == close) {
            pos++;
            return false;
        }
        throw error("',' or '" + close + "' was expected");
    }

    /** The offset of the closing quote of the string that opens at {@code open}. */
    protected int stringEnd(int open) throws UnparseableFileException {
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            } else if (c == '\n' || c == '\r') {
                break;
            }
        }
        pos = open;
        throw error("unterminated string");
    }

    /** Skips any value at the position. */
    protected void skipValue() throws UnparseableFileException {
        char c = s.charAt(pos);
        if (c == '{') {
            members((nameStart, nameEnd) -> skipValue());
        } else if (c == '[') {
            items(this::skipValue);
        } else if (c == '"') {
            pos = stringEnd(pos) + 1;
        } else {
            int start = pos;
            while (pos < s.length() && ",}] \t\r\n".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            if (pos == start) {
                throw error("a value was expected");
            }
        }
    }

    /** What to do with one item of an array: the position is at the item, which it must read. */
    @FunctionalInterface
    protected interface Item {
        void read() throws UnparseableFileException;
    }

    /** Walks the array at the position item by item, handing each to {@code item}. */
    protected void items(Item item) throws UnparseableFileException {
        pos++;
        while (true) {
            skip();
            expectMore();
            if (s.charAt(pos) == ']') {
                pos++;
                return;
            }
            item.read();
            if (!separator(']')) {
                return;
            }
        }
    }

    /** What to do with one member of an object: the position is at its value, which it must read. */
    @FunctionalInterface
    protected interface Member {
        void read(int nameStart, int nameEnd) throws UnparseableFileException;
    }

    /**
     * Walks the object at the position member by member: reads each name and its colon, then hands
     * the name's offsets (inside the quotes) to {@code member} with the position at the value.
     */
    protected void members(Member member) throws UnparseableFileException {
        pos++;
        while (true) {
            skip();
            expectMore();
            if (s.charAt(pos) == '}') {
                pos++;
                return;
            }
            if (s.charAt(pos) != '"') {
                throw error("a member name in double quotes was expected");
            }
            int nameStart = pos + 1;
            int nameEnd = stringEnd(pos);
            pos = nameEnd + 1;
            skip();
            expectMore();
            if (s.charAt(pos) != ':') {
                throw error("':' was expected after a member name");
            }
            pos++;
            skip();
            expectMore();
            member.read(nameStart, nameEnd);
            if (!separator('}')) {
                return;
            }
        }
    }

    protected UnparseableFileException error(String problem) {
        int at = Math.min(pos, s.length());
        return new UnparseableFileException(text.line(at), text.column(at), problem);
    }
}
