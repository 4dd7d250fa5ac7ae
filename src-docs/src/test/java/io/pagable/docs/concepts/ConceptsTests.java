package io.pagable.docs.concepts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.Pinned;
import io.pagable.UnknownTypeTagException;
import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The examples of the concepts page; each runs the code the page shows. */
class ConceptsTests {

    // tag::storage[]
    private final ContentStore store = new InMemoryContentStore();

    private final PagableStorage storage = PagableStorage.builder()
            .contentStore(store)
            .registerPackages("io.pagable.docs.concepts") // where the @PagableType classes are
            .build();
    // end::storage[]

    private final Report report = new Report("nightly", List.of("compiled 4,210 files", "ran 18,004 tests"));

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void anArcPagesOutAndBackIn() {
        // tag::arc[]
        PagableArc<Report> arc = storage.arc(report); // resident, queued for page-out
        assertThat(arc.isPagedOut()).isFalse();
        assertThat(arc.key()).isEmpty();

        storage.pageOutPending(); // the Spring Boot starter's drainer does this on a schedule
        assertThat(arc.isPagedOut()).isTrue(); // only the key (and a weak reference) stay
        assertThat(arc.key()).isPresent();

        Report again = arc.get(); // paged in on demand: the weak reference, the arc cache, or the store
        assertThat(again).isEqualTo(report);
        // end::arc[]
    }

    @Test
    void aPinKeepsTheValueOnTheHeap() {
        PagableArc<Report> arc = storage.arc(report);
        // tag::pin[]
        try (Pinned<Report> pinned = arc.pin()) {
            storage.pageOutPending(); // written, but not released while a pin is open
            assertThat(arc.isPagedOut()).isFalse();
            assertThat(pinned.get().lines()).hasSize(2);
        } // the last pin closes: a written arc is released at once
        assertThat(arc.isPagedOut()).isTrue();
        // end::pin[]
    }

    @Test
    void equalContentHasEqualKeys() {
        // tag::content-addressing[]
        DataKey first = storage.save(new Report("nightly", List.of("ok")));
        DataKey second = storage.save(new Report("nightly", List.of("ok"))); // another instance, equal content
        assertThat(second).isEqualTo(first);
        assertThat(first.toHex()).hasSize(32); // 16 bytes of SHA-256, see the key format
        assertThat(storage.load(first, Report.class)).isEqualTo(new Report("nightly", List.of("ok")));
        // end::content-addressing[]
    }

    @Test
    void equalSubgraphsAreStoredOnce() {
        // tag::dedup[]
        Target core = new Target("core", List.of(), storage.arc(report));
        storage.save(new Build(List.of(core)));
        long entries = store.stats().entries(); // the build, core, core's log

        Target app =
                new Target("app", List.of(new Target("core", List.of(), storage.arc(report))), storage.arc(report));
        storage.save(new Build(List.of(app)));
        assertThat(store.stats().entries()).isEqualTo(entries + 2); // the new build and app: the rest was there
        // end::dedup[]
        assertThat(storage.stats().dedupHits()).isPositive();
    }

    @Test
    void aSharedNodeComesBackAsOneInstance() {
        // tag::identity[]
        Target core = new Target("core", List.of(), storage.arc(report));
        Target api = new Target("api", List.of(core), storage.arc(report));
        Target app = new Target("app", List.of(core, api), storage.arc(report));
        DataKey key = storage.save(new Build(List.of(app, api, core)));

        try (PagableStorage other = PagableStorage.builder().contentStore(store).build()) { // say, after a restart
            Build build = other.load(key, Build.class);
            Target loadedApp = build.targets().get(0);
            Target loadedApi = build.targets().get(1);
            assertThat(loadedApp.deps().get(0)).isSameAs(loadedApi.deps().get(0)); // one core, not copies
            assertThat(loadedApp.deps().get(1)).isSameAs(loadedApi);
        }
        // end::identity[]
    }

    @Test
    void polymorphicFieldsKeepTheirTypes() {
        // tag::tags-use[]
        Zoo zoo = new Zoo(
                new Cat("Tom", 9),
                List.of(new Dog("Rex", true), new Cat("Kit", 7)),
                Map.of("ann", new Dog("Fido", false)));
        DataKey key = storage.save(zoo);
        Zoo again = storage.load(key, Zoo.class);
        assertThat(again.star()).isInstanceOf(Cat.class);
        assertThat(again).isEqualTo(zoo);
        // end::tags-use[]
    }

    @Test
    void anUnknownTagIsAClearError() {
        DataKey key = storage.save(new Zoo(new Cat("Tom", 9), List.of(), Map.of()));
        // tag::unknown-tag[]
        try (PagableStorage withoutCats = PagableStorage.builder()
                .contentStore(store)
                .registerTypes(Dog.class) // zoo.cat is not registered here
                .build()) {
            assertThatExceptionOfType(UnknownTypeTagException.class)
                    .isThrownBy(() -> withoutCats.load(key, Zoo.class))
                    .withMessageContaining("zoo.cat");
        }
        // end::unknown-tag[]
    }

    @Test
    void loadingIsLazyAlongArcs() {
        Target core = new Target("core", List.of(), storage.arc(report));
        DataKey key = storage.save(new Build(List.of(core)));
        try (PagableStorage other = PagableStorage.builder().contentStore(store).build()) {
            // tag::laziness[]
            PagableArc<Build> build = other.arc(key, Build.class); // a handle: nothing is read yet
            assertThat(other.stats().pageIns()).isZero();

            Target target = build.get().targets().get(0); // reads the build; its @PagableNode targets come with it
            PagableArc<Report> log = target.log();
            assertThat(log.isPagedOut()).isTrue(); // the log is not read until it is used
            assertThat(log.get()).isEqualTo(report);
            // end::laziness[]
        }
    }
}
