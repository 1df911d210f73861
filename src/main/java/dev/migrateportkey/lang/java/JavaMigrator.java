package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.Migrator;
import dev.migrateportkey.lang.ProjectIndex;
import dev.migrateportkey.lang.UnparseableFileException;
import dev.migrateportkey.workspace.SourceFile;

/** Java sources: parsed with JavaParser, rewritten with text edits at node ranges. */
public final class JavaMigrator implements Migrator {

    /** Loads and initialises the Java parser ahead of the first file (see {@code cli.Preload}). */
    public static void warmUp() {
        JavaParsing.warmUp();
    }

    @Override
    public String language() {
        return "java";
    }

    @Override
    public boolean accepts(String fileName) {
        return fileName.endsWith(".java");
    }

    @Override
    public void index(SourceFile file, ProjectIndex index) {
        ConstantScanner.scan(file.path(), file.text(), file.relativePath(), index);
        if (AnnotatedHeaderParameters.mayDeclare(file.text())) {
            try {
                AnnotatedHeaderParameters.index(file.path(), JavaParsing.parse(file.text()), index);
            } catch (UnparseableFileException e) {
                // reported when the file is migrated
            }
        }
    }

    @Override
    public void migrate(FileMigration work) throws UnparseableFileException {
        CompilationUnit cu = JavaParsing.parse(work.file().text());
        new JavaFileRewriter(work, cu).run();
        new JavaOpenTodos(work, cu).run();
    }
}
