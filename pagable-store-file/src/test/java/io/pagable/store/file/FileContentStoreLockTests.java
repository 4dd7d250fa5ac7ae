package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.StoreException;
import io.pagable.store.tck.TestNodes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContentStoreLockTests {

    @TempDir
    Path directory;

    @TempDir
    Path work;

    @Test
    void secondStoreInSameJvmFailsAtOnceSayingDirectoryIsInUse() {
        try (FileContentStore first = new FileContentStore(directory)) {
            first.put(TestNodes.node(1, 10));
            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(() -> new FileContentStore(directory))
                    .withMessageContaining(directory.toString())
                    .withMessageContaining("is in use by another FileContentStore in this JVM");
            assertThat(first.get(TestNodes.node(1, 10).key())).isPresent();
        }
        try (FileContentStore reopened = new FileContentStore(directory)) {
            assertThat(reopened.stats().entries()).isEqualTo(1);
        }
    }

    @Test
    void storeInAnotherProcessFailsAtOnceSayingDirectoryIsInUse() throws Exception {
        try (FileContentStore store = new FileContentStore(directory)) {
            store.put(TestNodes.node(1, 10));
        }
        try (ChildJvm child = ChildJvm.start(work, "hold", directory.toString())) {
            assertThat(child.readLine())
                    .as("child output; its errors: %s", child.errors())
                    .isEqualTo("open 1");
            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(() -> new FileContentStore(directory))
                    .withMessageContaining(directory.toString())
                    .withMessageContaining("is in use by another process (pid ");
            child.closeInput();
            assertThat(child.waitFor()).isZero();
        }
        try (FileContentStore reopened = new FileContentStore(directory)) {
            assertThat(reopened.stats().entries()).isEqualTo(1);
        }
    }

    @Test
    void killedProcessLeavesDirectoryUnlocked() throws Exception {
        try (ChildJvm child = ChildJvm.start(work, "hold", directory.toString())) {
            assertThat(child.readLine())
                    .as("child output; its errors: %s", child.errors())
                    .isEqualTo("open 0");
            child.kill();
        }
        try (FileContentStore store = new FileContentStore(directory)) {
            assertThat(store.stats().entries()).isZero();
        }
    }
}
