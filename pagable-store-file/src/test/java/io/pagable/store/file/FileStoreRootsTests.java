package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.PagableRoot;
import io.pagable.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The roots file: replaced whole or not at all, and never read as no roots when it is damaged. */
class FileStoreRootsTests {

    private static final DataKey FIRST = DataKey.of(1, 2);

    private static final DataKey SECOND = DataKey.of(3, 4);

    @TempDir
    Path directory;

    @Test
    void rootsAreReadBackWithTheirNamesKeysAndTimesToTheNanosecond() {
        Map<String, PagableRoot> roots = new HashMap<>();
        Instant at = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
        roots.put("a", new PagableRoot("a", FIRST, at));
        String longest = "x/y:z.-_".repeat(25);
        roots.put(longest, new PagableRoot(longest, SECOND, at.plusNanos(1)));
        try (FileContentStore store = storeWith(roots)) {
            assertThat(store.allRoots()).isEqualTo(roots);
        }
    }

    @Test
    void aReplacementCutShortBeforeItsRenameLeavesTheRootsAsTheyWere() throws Exception {
        Path file = storeWithMainRoot();
        byte[] before = Files.readAllBytes(file);
        Map<String, PagableRoot> changed = Map.of("main", new PagableRoot("main", SECOND, Instant.now()));
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> FileStoreAtomicWrite.replace(
                        file,
                        (channel) -> FileStoreAtomicWrite.writeFully(channel, FileStoreRoots.encode(changed), 0),
                        true,
                        (step) -> {
                            throw new IllegalStateException("killed at " + step);
                        }))
                .withMessage("killed at " + FileStoreSteps.REPLACEMENT_WRITTEN);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(FileStoreAtomicWrite.temporary(file)).exists();

        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.root("main").orElseThrow().key()).isEqualTo(FIRST);
            assertThat(store.replaceRoot("main", FIRST, SECOND)).isTrue();
        }
        assertThat(FileStoreAtomicWrite.temporary(file)).doesNotExist();
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.root("main").orElseThrow().key()).isEqualTo(SECOND);
        }
    }

    @Test
    void aTemporaryFileLeftByACrashIsIgnored() throws IOException {
        storeWithMainRoot();
        Files.write(FileStoreAtomicWrite.temporary(directory.resolve(FileStoreRoots.FILE_NAME)), new byte[] {1, 2, 3});
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.root("main").orElseThrow().key()).isEqualTo(FIRST);
        }
    }

    /** Damage: a flipped byte in a name, in a key, in the checksum; the file cut short; no file but its name. */
    @ParameterizedTest
    @ValueSource(ints = {21, 30, -1, -3, -1000})
    void aDamagedRootsFileFailsTheOpeningNamingTheFile(int where) throws IOException {
        try (FileContentStore store = new FileContentStore(directory)) {
            store.replaceRoot("main", null, FIRST);
            store.replaceRoot("other", null, SECOND);
        }
        Path file = directory.resolve(FileStoreRoots.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        if (where == -1000) {
            Files.write(file, new byte[0]);
        } else if (where == -3) {
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        } else {
            int at = (where >= 0) ? where : bytes.length + where;
            bytes[at] ^= 0x10;
            Files.write(file, bytes);
        }
        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(() -> new FileContentStore(directory))
                .withMessageContaining(file.toString())
                .withMessageContaining("roots file");
        Files.delete(file);
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.allRoots()).as("the failed open released the lock").isEmpty();
        }
    }

    @Test
    void aRootsFileOfAnotherVersionIsRefusedNamingTheVersion() throws IOException {
        Path file = storeWithMainRoot();
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, 2);
        Files.write(file, bytes);
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> new FileContentStore(directory))
                .withMessageContaining(file.toString())
                .withMessageContaining("format version 2");
    }

    @Test
    void aRootThatCannotBeWrittenIsLeftAsItWas() throws IOException {
        try (FileContentStore store = new FileContentStore(directory)) {
            store.replaceRoot("main", null, FIRST);
            Path blocker =
                    Files.createDirectory(FileStoreAtomicWrite.temporary(directory.resolve(FileStoreRoots.FILE_NAME)));
            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(() -> store.replaceRoot("main", FIRST, SECOND))
                    .withMessageContaining("roots file");
            assertThat(store.root("main").orElseThrow().key()).isEqualTo(FIRST);
            assertThat(store.retiredRoots(Instant.EPOCH)).isEmpty();
            Files.delete(blocker);
            assertThat(store.replaceRoot("main", FIRST, SECOND)).isTrue();
        }
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.root("main").orElseThrow().key()).isEqualTo(SECOND);
        }
    }

    /** Closes a store that pointed the root "main" at {@link #FIRST}; returns its roots file. */
    private Path storeWithMainRoot() {
        try (FileContentStore store = new FileContentStore(directory)) {
            store.replaceRoot("main", null, FIRST);
        }
        return directory.resolve(FileStoreRoots.FILE_NAME);
    }

    private FileContentStore storeWith(Map<String, PagableRoot> roots) {
        FileStoreRoots.write(directory, roots, true);
        return new FileContentStore(directory);
    }
}
