package dev.migrateportkey.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.workspace.GeneratedFiles;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code check --format json}: one object with a {@code findings} array; each finding has
 * {@code path}, {@code line}, {@code column}, {@code rule}, {@code kind}
 * ({@code fixable|manual|error}) and {@code message}. Documented in docs/check-json.md.
 */
public final class JsonFindingPrinter implements FindingPrinter {

    @Override
    public void print(MigrationPlan plan, PrintStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(new NonClosing(out), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("version", 1);
            // Saved inside the repository (check --format json > findings.json), the output names
            // Portkey rules: the marker keeps the next check from listing it as a leftover.
            g.writeStringField("generated", GeneratedFiles.MARKER);
            g.writeArrayFieldStart("findings");
            for (Finding f : plan.findings()) {
                g.writeStartObject();
                g.writeStringField("path", f.path());
                g.writeNumberField("line", f.line());
                g.writeNumberField("column", f.column());
                g.writeStringField("rule", f.ruleId());
                g.writeStringField("kind", f.kind().label());
                g.writeStringField("message", SecretMasker.mask(f.message()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("filesScanned", plan.filesScanned());
            g.writeNumberField("filesParsed", plan.filesParsed());
            g.writeNumberField("findings", plan.findings().size());
            g.writeEndObject();
            g.writeEndObject();
        }
        out.println();
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(PrintStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
