package dev.migrateportkey.lang;

/** The file is not valid in its language; nothing in it is changed. */
public final class UnparseableFileException extends Exception {
    private final int line;
    private final int column;

    public UnparseableFileException(int line, int column, String problem) {
        super(problem);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
