package dev.migrateportkey.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WorkspaceTest {

    private static void touch(Path root, String rel) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "class X {}\n");
    }

    private static List<String> walk(Path root, WalkOptions options) throws IOException {
        List<String> notices = new ArrayList<>();
        return new Workspace(options).walk(root, name -> true, notices).stream()
                .map(Candidate::relativePath).sorted().toList();
    }

    private static WalkOptions globs(List<String> includes, List<String> excludes) {
        return new WalkOptions(includes, excludes, WalkOptions.DEFAULT_MAX_FILE_BYTES);
    }

    @Test
    void skipsVersionControlBuildAndDependencyDirectories(@TempDir Path root) throws IOException {
        touch(root, "src/A.java");
        touch(root, ".git/objects/B.java");
        touch(root, "target/classes/C.java");
        touch(root, "node_modules/pkg/D.js");
        touch(root, "sub/target/E.java");
        touch(root, "sub/node_modules/F.js");
        assertThat(walk(root, WalkOptions.defaults())).containsExactly("src/A.java");
    }

    @Test
    void honoursGitignoreIncludingNestedOnes(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve(".gitignore"), "generated/\n*.log\n");
        Files.createDirectories(root.resolve("app"));
        Files.writeString(root.resolve("app/.gitignore"), "*.gen.java\n!Keep.log\n");
        touch(root, "Main.java");
        touch(root, "Top.gen.java");
        touch(root, "debug.log");
        touch(root, "generated/G.java");
        touch(root, "app/Service.java");
        touch(root, "app/Service.gen.java");
        touch(root, "app/deep/Other.gen.java");
        touch(root, "app/Keep.log");
        touch(root, "app/drop.log");
        touch(root, "lib/Service.gen.java");
        assertThat(walk(root, WalkOptions.defaults())).containsExactly(
                ".gitignore", "Main.java", "Top.gen.java", "app/.gitignore", "app/Keep.log", "app/Service.java",
                "lib/Service.gen.java");
    }

    @Test
    void honoursIncludeAndExcludeGlobs(@TempDir Path root) throws IOException {
        touch(root, "src/main/A.java");
        touch(root, "src/test/ATest.java");
        touch(root, "src/main/app.py");
        touch(root, "scripts/run.py");
        assertThat(walk(root, globs(List.of("*.java"), List.of())))
                .containsExactly("src/main/A.java", "src/test/ATest.java");
        assertThat(walk(root, globs(List.of(), List.of("src/test/"))))
                .containsExactly("scripts/run.py", "src/main/A.java", "src/main/app.py");
        assertThat(walk(root, globs(List.of(), List.of("test"))))
                .containsExactly("scripts/run.py", "src/main/A.java", "src/main/app.py");
        assertThat(walk(root, globs(List.of("*.py"), List.of("scripts/**"))))
                .containsExactly("src/main/app.py");
        assertThat(walk(root, globs(List.of("src/**/*.java"), List.of("*Test.java"))))
                .containsExactly("src/main/A.java");
    }

    @Test
    void doubleStarSlashAlsoMatchesNoDirectory(@TempDir Path root) throws IOException {
        touch(root, "Top.java");
        touch(root, "src/A.java");
        touch(root, "src/main/B.java");
        touch(root, "lib/C.java");
        assertThat(walk(root, globs(List.of("src/**/*.java"), List.of())))
                .containsExactly("src/A.java", "src/main/B.java");
        assertThat(walk(root, globs(List.of("**/*.java"), List.of("lib/**"))))
                .containsExactly("Top.java", "src/A.java", "src/main/B.java");
        assertThat(walk(root, globs(List.of(), List.of("src/**/B.java"))))
                .containsExactly("Top.java", "lib/C.java", "src/A.java");
    }

    @Test
    void doesNotFollowASymlinkToADirectoryOutsideTheRoot(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        touch(outside, "Secret.java");
        touch(root, "In.java");
        try {
            Files.createSymbolicLink(root.resolve("link"), outside);
            Files.createSymbolicLink(root.resolve("FileLink.java"), outside.resolve("Secret.java"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links not supported here");
        }
        List<String> notices = new ArrayList<>();
        List<Candidate> found = new Workspace(WalkOptions.defaults()).walk(root, n -> true, notices);
        assertThat(found).extracting(Candidate::relativePath).containsExactly("In.java");
        assertThat(found).allSatisfy(c -> assertThat(c.path().normalize()).startsWith(root.toAbsolutePath().normalize()));
    }

    /** The walk runs directory tasks in parallel; below a depth it walks in one task's loop instead. */
    @Test
    void walksATreeDeeperThanTheForkDepthAndListsFilesInPathOrder(@TempDir Path root) throws IOException {
        StringBuilder dir = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int depth = 0; depth < 120; depth++) {
            dir.append('d').append(depth % 10).append('/');
            if (depth % 7 == 0) {
                touch(root, dir + "F" + depth + ".java");
                expected.add(dir + "F" + depth + ".java");
                touch(root, "side" + depth + "/S.java");
                expected.add("side" + depth + "/S.java");
            }
        }
        List<String> notices = new ArrayList<>();
        List<Candidate> found = new Workspace(WalkOptions.defaults()).walk(root, n -> true, notices);
        assertThat(found).extracting(Candidate::relativePath).containsExactlyElementsOf(expected.stream().sorted().toList());
        assertThat(notices).isEmpty();
    }

    /** git itself is the reference for which files .gitignore files leave in. */
    @Test
    void agreesWithGitOnIgnoredFiles(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve(".gitignore"), "*.log\n/out/\nsecret*\n!secret-ok.txt\ndocs/**/draft.md\n");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/.gitignore"), "*.tmp\n!keep.tmp\nnested/\n/local.txt\n");
        Files.writeString(root.resolve("a/b/.gitignore"), "!important.log\n");
        for (String f : List.of("Main.java", "app.log", "out/X.java", "sub/out/Y.java", "secret.env", "secret-ok.txt",
                "docs/draft.md", "docs/x/y/draft.md", "docs/final.md", "a/x.tmp", "a/keep.tmp", "a/nested/Z.java",
                "a/b/nested/W.java", "a/local.txt", "a/b/local.txt", "a/b/important.log", "a/b/other.log", "a/b/c/V.java")) {
            touch(root, f);
        }
        ProcessBuilder init = new ProcessBuilder("git", "init", "-q", root.toString());
        ProcessBuilder list = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "--others", "--exclude-standard");
        List<String> fromGit;
        try {
            for (ProcessBuilder pb : List.of(init, list)) {
                pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
                pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
                pb.environment().put("HOME", root.toString());
            }
            assumeTrue(init.start().waitFor() == 0, "git init failed");
            Process p = list.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assumeTrue(p.waitFor() == 0, "git ls-files failed");
            fromGit = out.lines().sorted().toList();
        } catch (IOException e) {
            assumeTrue(false, "git is not installed");
            return;
        }
        assertThat(fromGit).contains("a/b/important.log", "a/keep.tmp").doesNotContain("a/x.tmp", "app.log");
        assertThat(walk(root, WalkOptions.defaults())).containsExactlyElementsOf(fromGit);
    }

    @Test
    void aFileRootYieldsThatFileAndAMissingRootFails(@TempDir Path root) throws IOException {
        touch(root, "One.java");
        List<Candidate> found = new Workspace(WalkOptions.defaults()).walk(root.resolve("One.java"), n -> true, new ArrayList<>());
        assertThat(found).extracting(Candidate::relativePath).containsExactly("One.java");
        assertThatThrownBy(() -> new Workspace(WalkOptions.defaults()).walk(root.resolve("missing"), n -> true, new ArrayList<>()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void wantedPredicateFiltersByFileName(@TempDir Path root) throws IOException {
        touch(root, "a/A.java");
        touch(root, "a/b.txt");
        List<Candidate> found = new Workspace(WalkOptions.defaults())
                .walk(root, n -> n.endsWith(".java"), new ArrayList<>());
        assertThat(found).extracting(Candidate::relativePath).containsExactly("a/A.java");
        assertThat(found.get(0).fileName()).isEqualTo("A.java");
    }

    @Test
    void decodedTextRoundTripsABomFileByteForByte() {
        byte[] bytes = "\uFEFFclass A { String s = \"caf\u00e9 \u2603\"; }\r\n".getBytes(StandardCharsets.UTF_8);
        DecodedText d = DecodedText.decode(bytes);
        assertThat(d.bom()).isTrue();
        assertThat(d.validUtf8()).isTrue();
        assertThat(d.firstInvalidByte()).isEqualTo(-1);
        assertThat(d.text()).startsWith("class A").contains("caf\u00e9 \u2603");
        assertThat(d.encode(d.text())).isEqualTo(bytes);
        // An edit keeps the BOM and touches only its own bytes.
        byte[] edited = d.encode(d.text().replace("class A", "class B"));
        assertThat(edited).hasSize(bytes.length);
        assertThat(new String(edited, StandardCharsets.UTF_8)).isEqualTo(
                new String(bytes, StandardCharsets.UTF_8).replace("class A", "class B"));
    }

    @Test
    void decodedTextRoundTripsANonUtf8FileByteForByte() {
        byte[] bytes = "// r\u00e9sum\u00e9 \u00ff\nclass A {}\n".getBytes(StandardCharsets.ISO_8859_1);
        DecodedText d = DecodedText.decode(bytes);
        assertThat(d.bom()).isFalse();
        assertThat(d.validUtf8()).isFalse();
        assertThat(d.firstInvalidByte()).isEqualTo(4);
        assertThat(d.encode(d.text())).isEqualTo(bytes);
        byte[] edited = d.encode(d.text().replace("class A", "class B"));
        byte[] expected = bytes.clone();
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("class A") + 6;
        expected[at] = 'B';
        assertThat(edited).isEqualTo(expected);
    }

    @Test
    void decodedTextRoundTripsArbitraryBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        DecodedText d = DecodedText.decode(bytes);
        assertThat(d.encode(d.text())).isEqualTo(bytes);
        byte[] empty = new byte[0];
        assertThat(DecodedText.decode(empty).encode("")).isEmpty();
    }
}
