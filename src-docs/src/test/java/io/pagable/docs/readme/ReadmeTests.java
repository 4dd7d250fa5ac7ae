package io.pagable.docs.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.docs.Snippets;
import io.pagable.docs.readme.ReadmeExample.Author;
import io.pagable.docs.readme.ReadmeExample.Book;
import io.pagable.docs.readme.ReadmeExample.Chapter;
import io.pagable.store.file.FileContentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the README true: its example is this module's compiled code, and the code does what it says. */
class ReadmeTests {

    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path directory;

    @Test
    void exampleReadsTheTextBackOnDemand() {
        String noteG = "Note G: " + "the Analytical Engine has no pretensions to originate anything. ".repeat(200);
        assertThat(ReadmeExample.run(directory, "Note A", noteG)).isEqualTo(noteG);
    }

    @Test
    void exampleStoresTheSharedAuthorOnceAndPagesTheTextsOut() {
        DataKey key;
        try (PagableStorage storage = PagableStorage.builder()
                .contentStore(new FileContentStore(directory))
                .build()) {
            Author ada = new Author("Ada Lovelace");
            Book book = new Book(
                    "Notes", List.of(new Chapter("A", ada, storage.arc("a")), new Chapter("G", ada, storage.arc("g"))));
            key = storage.save(book);
            assertThat(book.chapters()).allMatch((chapter) -> chapter.text().isPagedOut());
            assertThat(storage.stats().store().entries()).isEqualTo(4); // book, author, two texts
        }
        try (PagableStorage storage = PagableStorage.builder()
                .contentStore(new FileContentStore(directory))
                .build()) {
            Book again = storage.load(key, Book.class);
            assertThat(again.chapters().get(0).author())
                    .isSameAs(again.chapters().get(1).author());
            PagableArc<String> text = again.chapters().get(1).text();
            assertThat(text.isPagedOut()).isTrue();
            assertThat(text.get()).isEqualTo("g");
        }
    }

    @Test
    void readmeShowsTheExampleAsCompiled() throws IOException {
        Path source = Path.of("src/test/java/io/pagable/docs/readme/ReadmeExample.java");
        List<String> javaBlocks = blocks(Files.readString(README), "java");
        assertThat(javaBlocks)
                .as("README.md's java blocks")
                .containsExactly(Snippets.tagged(source, "model"), Snippets.tagged(source, "use"));
    }

    @Test
    void readmeDependencyNamesThisVersion() throws IOException {
        List<String> xmlBlocks = blocks(Files.readString(README), "xml");
        assertThat(xmlBlocks).hasSize(2);
        assertThat(xmlBlocks.get(0))
                .contains("<groupId>io.pagable</groupId>")
                .contains("<artifactId>pagable-spring-boot-starter</artifactId>")
                .contains("<version>" + System.getProperty("project.version") + "</version>");
        // without Spring: the core and a store module
        assertThat(xmlBlocks.get(1))
                .contains("<artifactId>pagable-core</artifactId>")
                .contains("<artifactId>pagable-store-file</artifactId>")
                .contains("<version>" + System.getProperty("project.version") + "</version>");
    }

    static List<String> blocks(String markdown, String language) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = Pattern.compile("```" + language + "\\n(.*?)\\n```", Pattern.DOTALL)
                .matcher(markdown);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }
}
