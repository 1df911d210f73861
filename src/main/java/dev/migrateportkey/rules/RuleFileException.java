package dev.migrateportkey.rules;

/** A rules file that cannot be used, with where the problem is and which key holds it. */
public final class RuleFileException extends Exception {
    private final String file;
    private final int line;
    private final int column;
    private final String key;

    public RuleFileException(String file, int line, int column, String key, String problem) {
        super(format(file, line, column, key, problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.key = key;
    }

    private static String format(String file, int line, int column, String key, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (key != null && !key.isEmpty()) {
            sb.append("key '").append(key).append("': ");
        }
        return sb.append(problem).toString();
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String key() {
        return key;
    }
}
