package io.pagable.store.tck;

import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.store.tck.Values.Doc;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The process {@link AbstractEngineCrashContractTests} kills: an application creating documents batch
 * after batch and draining them through the engine into a store. Arguments: {@code <store factory class> <directory>
 * <firstBatch> <batches>}. It prints {@code writing <batch>} before each drain and
 * {@code flushed <batch> <key>,<key>,...} (the documents' keys) once the drain has returned.
 */
public final class EngineCrashChild {

    static final int DOCS_PER_BATCH = 60;

    static final int ITEMS = 8;

    static final int ITEM_LENGTH = 1500;

    private EngineCrashChild() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        AbstractEngineCrashContractTests.StoreFactory factory = (AbstractEngineCrashContractTests.StoreFactory)
                Class.forName(args[0]).getConstructor().newInstance();
        Path directory = Path.of(args[1]);
        int first = Integer.parseInt(args[2]);
        int batches = Integer.parseInt(args[3]);
        try (PagableStorage storage = PagableStorage.builder()
                .contentStore(factory.open(directory))
                .cacheMaximumSize(100)
                .build()) {
            for (int batch = first; batch < first + batches; batch++) {
                List<PagableArc<Doc>> docs = docsOfBatch(storage, batch);
                out.println("writing " + batch);
                out.flush();
                storage.pageOutPending();
                out.println("flushed " + batch + " "
                        + docs.stream()
                                .map((arc) -> arc.key().orElseThrow().toHex())
                                .collect(Collectors.joining(",")));
                out.flush();
            }
        }
    }

    static List<PagableArc<Doc>> docsOfBatch(PagableStorage storage, int batch) {
        List<PagableArc<Doc>> docs = new ArrayList<>(DOCS_PER_BATCH);
        for (int i = 0; i < DOCS_PER_BATCH; i++) {
            docs.add(Values.doc(storage, (long) batch * DOCS_PER_BATCH + i, ITEMS, ITEM_LENGTH));
        }
        return docs;
    }
}
