package dev.migrateportkey.lang.python;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleTable;

/**
 * Base of the classes that each own one Python shape (imports, a client constructor, a header
 * dict, a string literal, ...). It hands every handler the same view of the file, taken once from
 * the {@link PythonFileContext}: where findings and edits go, the rules, the text and its edit
 * helpers, and the two values nearly every rewrite writes (the Concentrate key expression and the
 * base URL rule). State one handler leaves for another stays in the context.
 */
abstract class PythonShapeHandler {
    protected final PythonFileContext ctx;
    protected final FileMigration work;
    protected final RuleTable rules;
    protected final SourceText text;
    protected final PythonEdits edits;
    /** The Python expression that reads the Concentrate key. */
    protected final String keyExpression;
    protected final Rule baseUrlRule;

    PythonShapeHandler(PythonFileContext ctx) {
        this.ctx = ctx;
        this.work = ctx.work();
        this.rules = ctx.rules();
        this.text = ctx.text();
        this.edits = ctx.edits();
        this.keyExpression = ctx.keyExpression();
        this.baseUrlRule = ctx.baseUrlRule();
    }
}
