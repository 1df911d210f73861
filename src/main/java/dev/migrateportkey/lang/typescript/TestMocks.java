package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.rules.RuleKind;

import java.util.Set;

import static dev.migrateportkey.lang.typescript.JsFileContext.COMMENT;

/**
 * {@code jest.mock('portkey-ai', ...)} (or vitest's {@code vi.mock}) in a test: the code under
 * test now imports {@code openai}, so the mock must name that module, or the real OpenAI client
 * runs (and a removed portkey-ai package fails to resolve). The module name is swapped; a mock
 * factory shaped after Portkey's exports is also a manual item, since the OpenAI client the
 * code now builds is that module's default export.
 */
final class TestMocks {
    /** Test-runner calls that name a module to mock or load: they follow the code under test. */
    private static final Set<String> MOCK_CALLS = Set.of("jest.mock", "jest.doMock", "jest.unmock",
            "jest.dontMock", "jest.requireActual", "jest.requireMock", "jest.createMockFromModule",
            "vi.mock", "vi.doMock", "vi.unmock", "vi.doUnmock", "vi.importActual", "vi.importMock");

    private final JsFileContext ctx;

    TestMocks(JsFileContext ctx) {
        this.ctx = ctx;
    }

    /** Handles {@code n} when it is the module name of a mock call of a Portkey package; false otherwise. */
    boolean mockedModule(JsNode n) {
        String module = JsValues.literal(n);
        JsNode args = n.parent();
        JsNode call = args == null ? null : args.parent();
        if (module == null || !args.is("arguments") || call == null || !call.is("call_expression")
                || call.child("function") == null || args.namedChildren().isEmpty() || args.namedChildren().get(0) != n
                || !MOCK_CALLS.contains(call.child("function").text().replace(" ", ""))
                || ctx.rules.find(RuleKind.DEPENDENCY, "npm:" + module).isEmpty()) {
            return false;
        }
        String callee = call.child("function").text().replace(" ", "");
        String dependency = ctx.dependencyRule.id();
        if (!module.equals("portkey-ai")) {
            ctx.work.manualWithTodo(n.start(), ctx.anchor(n), dependency, callee + "('" + module
                    + "') in a test: mock the module the migrated code imports instead", COMMENT);
            ctx.claim(n);
            return true;
        }
        char q = n.text().charAt(0);
        ctx.work.fix(n.start(), ctx.dependencyRule, callee + "('portkey-ai') in a test now names 'openai'",
                TextEdit.replace(n.start(), n.end(), q + "openai" + q, dependency));
        if (args.namedChildren().size() > 1 && callee.endsWith("ock")) {
            ctx.work.manualWithTodo(n.start(), ctx.anchor(n), dependency, "this " + callee
                    + " factory was written for portkey-ai's exports: check it returns what the code under test"
                    + " now takes from 'openai' (the OpenAI class, its default export)", COMMENT);
        }
        ctx.claim(n);
        return true;
    }
}
