package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Imports that code the tool inserts needs ({@code java.util.Map}, {@code com.openai.core.JsonValue}).
 * {@link #use} says how to spell a type (its simple name, or its qualified name when another type of
 * that simple name is in the way) and remembers what to import; {@link #edits} inserts the missing
 * import lines in sorted position, with the file's line separator.
 */
final class JavaImports {
    private final CompilationUnit cu;
    private final SourceText text;
    private final JavaEdits edits;
    private final TreeSet<String> wanted = new TreeSet<>();

    JavaImports(CompilationUnit cu, SourceText text, JavaEdits edits) {
        this.cu = cu;
        this.text = text;
        this.edits = edits;
    }

    /** The name to write for {@code qualified} in this file; plans its import when one is missing. */
    String use(String qualified) {
        int dot = qualified.lastIndexOf('.');
        String simple = qualified.substring(dot + 1);
        String pkg = qualified.substring(0, dot);
        boolean samePackage = cu.getPackageDeclaration().map(p -> p.getNameAsString().equals(pkg)).orElse(pkg.isEmpty());
        for (ImportDeclaration i : cu.getImports()) {
            if (i.isStatic()) {
                continue;
            }
            String name = i.getNameAsString();
            if (!i.isAsterisk() && name.equals(qualified) || i.isAsterisk() && name.equals(pkg)) {
                return simple;
            }
            if (!i.isAsterisk() && name.endsWith("." + simple)) {
                return qualified; // another type of that simple name is imported
            }
        }
        for (TypeDeclaration<?> t : JavaNodes.all(cu, TypeDeclaration.class)) {
            if (t.getNameAsString().equals(simple)) {
                return qualified;
            }
        }
        if (pkg.equals("java.lang") || samePackage) {
            return simple;
        }
        wanted.add(qualified);
        return simple;
    }

    /** Insertions of the planned import lines. */
    List<TextEdit> edits(String ruleId) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        String nl = text.lineSeparator();
        List<ImportDeclaration> plain = cu.getImports().stream().filter(i -> !i.isStatic()).toList();
        Map<Integer, StringBuilder> at = new TreeMap<>();
        for (String q : wanted) {
            String line = "import " + q + ";" + nl;
            if (!plain.isEmpty()) {
                ImportDeclaration before = null;
                for (ImportDeclaration i : plain) {
                    if (i.getNameAsString().compareTo(q) < 0) {
                        before = i;
                    }
                }
                int offset = before == null ? text.lineStart(edits.start(plain.get(0)))
                        : text.nextLineStart(edits.end(before) - 1);
                at.computeIfAbsent(offset, k -> new StringBuilder()).append(line);
            } else if (cu.getPackageDeclaration().isPresent()) {
                int offset = text.nextLineStart(edits.end(cu.getPackageDeclaration().get()) - 1);
                at.computeIfAbsent(offset, k -> new StringBuilder(nl)).append(line);
            } else {
                at.computeIfAbsent(0, k -> new StringBuilder()).append(line);
            }
        }
        List<TextEdit> out = new ArrayList<>();
        at.forEach((offset, lines) -> {
            if (offset == 0 && cu.getPackageDeclaration().isEmpty() && plain.isEmpty()) {
                lines.append(nl);
            }
            out.add(TextEdit.insert(offset, lines.toString(), ruleId));
        });
        return out;
    }
}
