package io.pagable.store.tck.reliability;

import static io.pagable.store.tck.reliability.EngineCrashChild.ITEMS;
import static io.pagable.store.tck.reliability.EngineCrashChild.ITEM_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.MissingDataException;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.tck.reliability.Values.Doc;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills (SIGKILL) a JVM that drains documents through the engine into a store, in the middle of a
 * drain, several times over; after each kill a new engine on the reopened store reads every document
 * whose drain returned before the kill intact, reads nothing wrong of the drain that was cut short,
 * and keeps working.
 */
class EngineCrashTests {

    private static final int ROUNDS = 3;

    @TempDir
    Path directory;

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(CrashStores.class)
    void killedApplicationLosesNoDrainedValueAndReadsNothingWrong(CrashStores kind) throws Exception {
        Random random = new Random(7);
        Map<Integer, List<DataKey>> flushed = new TreeMap<>();
        int nextBatch = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int first = nextBatch;
            int killedIn = -1;
            Process child = start(kind, first);
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
            assertReopenedStore(kind, flushed, killedIn, round);
            nextBatch = killedIn + 2;
        }
        assertThat(flushed).hasSizeGreaterThanOrEqualTo(2 * ROUNDS);
    }

    private void assertReopenedStore(CrashStores kind, Map<Integer, List<DataKey>> flushed, int killedIn, int round)
            throws Exception {
        try (PagableStorage storage = PagableStorage.builder()
                .contentStore(kind.open(directory))
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
                    kind, round, killedIn, readable);
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

    private Process start(CrashStores kind, int firstBatch) throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                EngineCrashChild.class.getName(),
                kind.name(),
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
