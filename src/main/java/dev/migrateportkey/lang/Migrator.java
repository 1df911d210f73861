package dev.migrateportkey.lang;

import dev.migrateportkey.workspace.SourceFile;

/**
 * Migrates one language or file kind. A migrator knows its syntax; the rule table knows Portkey
 * and Concentrate. It turns what it finds into findings and text edits on the original text and
 * never re-prints a file. Implementations are called from several threads at once.
 */
public interface Migrator {

    /** A short name for messages and reports, such as {@code java}. */
    String language();

    /** Whether files with this name are this migrator's (decided before a file is read). */
    boolean accepts(String fileName);

    /**
     * A cheap first pass over the files that mention Portkey, collecting names that carry a Portkey
     * value into other files (constants holding a header name or the gateway URL).
     */
    default void index(SourceFile file, ProjectIndex index) {
    }

    /** Finds the Portkey sites of {@code work}'s file and records findings and edits on it. */
    void migrate(FileMigration work) throws UnparseableFileException;
}
