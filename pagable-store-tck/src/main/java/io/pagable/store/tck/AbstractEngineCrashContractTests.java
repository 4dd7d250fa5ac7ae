package io.pagable.store.tck;

import static io.pagable.store.tck.EngineCrashChild.ITEMS;
import static io.pagable.store.tck.EngineCrashChild.ITEM_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.MissingDataException;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.tck.Values.Doc;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a JVM that drains documents through the engine into a store, in the middle of a
 * drain, several times over; after each kill a new engine on the reopened store reads every document
 * whose drain returned before the kill intact, reads nothing wrong of the drain that was cut short,
 * and keeps working.
 *
 * <p>Subclass it for a persistent store and name, in {@link #storeFactory()}, how the store is opened:
 * the killed JVM ({@link EngineCrashChild}) and the test open it the same way, on the same directory.
 * The child runs with this test's class path.
 */
public abstract class AbstractEngineCrashContractTests {

    /**
     * Opens the store under test on a directory. Implementations are public classes with a public
     * constructor without parameters: the killed JVM creates one by its class name.
     */
    public interface StoreFactory {

        /**
         * Opens the store, creating it if the directory is empty.
         *
         * @param directory a directory for the store's files (or database files) alone
         * @return the open store, which the engine closes
         * @throws Exception if the store cannot be opened
         */
        ContentStore open(Path directory) throws Exception;
    }

    private static final int ROUNDS = 3;

    @TempDir
    Path directory;

    @TempDir
    Path work;

    /**
     * Returns how the store under test is opened, in this JVM and in the killed one.
     *
     * @return a public class with a public constructor without parameters
     */
    protected abstract Class<? extends StoreFactory> storeFactory();

    @Test
    void killedApplicationLosesNoDrainedValueAndReadsNothingWrong() throws Exception {
        StoreFactory factory = storeFactory().getConstructor().newInstance();
        Random random = new Random(7);
        Map<Integer, List<DataKey>> flushed = new TreeMap<>();
        int nextBatch = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int first = nextBatch;
            int killedIn = -1;
            Process child = start(factory, first);
            try (BufferedReader output =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                int killAt = first + 2 + random.nextInt(3);
                String line;
                while ((line = output.readLine()) != null) {
                    String[] parts = line.split(" ");
                    int batch = Integer.parseInt(parts[1]);
                    if (parts[0].equals("flushed")) {
                        flushed.put(
                                batch,
                                Arrays.stream(parts[2].split(","))
                                        .map(DataKey::fromHex)
                                        .toList());
                    } else if (batch == killAt) {
                        LockSupport.parkNanos(random.nextInt(30_000_000));
                        killedIn = batch;
                        child.destroyForcibly();
                        break;
                    }
                }
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
            }
            assertThat(killedIn)
                    .as("the child was killed while draining; its errors: %s", Files.readString(errors(first)))
                    .isPositive();
            assertReopenedStore(factory, flushed, killedIn, round);
            nextBatch = killedIn + 2;
        }
        assertThat(flushed).hasSizeGreaterThanOrEqualTo(2 * ROUNDS);
    }

    private void assertReopenedStore(StoreFactory factory, Map<Integer, List<DataKey>> flushed, int killedIn, int round)
            throws Exception {
        try (PagableStorage storage = PagableStorage.builder()
                .contentStore(factory.open(directory))
                .cacheMaximumSize(0)
                .build()) {
            flushed.forEach((batch, keys) -> {
                for (int i = 0; i < keys.size(); i++) {
                    Doc doc = storage.load(keys.get(i), Doc.class);
                    assertThat(doc.id()).as("batch %d", batch).isEqualTo((long) batch * keys.size() + i);
                    doc.checked(ITEMS, ITEM_LENGTH);
                }
            });
            int readable = 0;
            for (DataKey key : keysOfBatch(killedIn)) {
                try {
                    storage.load(key, Doc.class).checked(ITEMS, ITEM_LENGTH);
                    readable++;
                } catch (MissingDataException notWrittenBeforeTheKill) {
                    // a document of the interrupted drain, or one of its items, never reached the store
                }
            }
            System.out.printf(
                    "%s round %d: killed while draining batch %d; %d of its documents read back whole%n",
                    factory.getClass().getSimpleName(), round, killedIn, readable);
            List<PagableArc<Doc>> after = EngineCrashChild.docsOfBatch(storage, 1_000 + round);
            storage.pageOutPending();
            for (PagableArc<Doc> arc : after) {
                storage.load(arc.key().orElseThrow(), Doc.class).checked(ITEMS, ITEM_LENGTH);
            }
        }
    }

    /** The keys the documents of a batch get: content addressed, so any engine computes the same ones. */
    private static List<DataKey> keysOfBatch(int batch) {
        PagableStorage scratch = PagableStorage.builder()
                .contentStore(new InMemoryContentStore())
                .build();
        List<PagableArc<Doc>> docs = EngineCrashChild.docsOfBatch(scratch, batch);
        scratch.pageOutPending();
        List<DataKey> keys = new ArrayList<>();
        docs.forEach((arc) -> keys.add(arc.key().orElseThrow()));
        return keys;
    }

    private Process start(StoreFactory factory, int firstBatch) throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                EngineCrashChild.class.getName(),
                factory.getClass().getName(),
                directory.toString(),
                Integer.toString(firstBatch),
                "1000");
        return new ProcessBuilder(command)
                .redirectError(errors(firstBatch).toFile())
                .start();
    }

    private Path errors(int id) {
        return work.resolve("child-" + id + ".err");
    }
}
