package io.pagable.docs.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.DataLimitExceededException;
import io.pagable.PagableStorage;
import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import io.pagable.docs.stores.MapContentStore;
import io.pagable.store.ContentStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The bean examples of the API page. */
class SpringExamplesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PagableAutoConfiguration.class))
            .withUserConfiguration(PagableConfiguration.class);

    @Test
    void ownStoreAndCustomizerAreUsed() {
        runner.run((context) -> {
            assertThat(context).getBean(ContentStore.class).isInstanceOf(MapContentStore.class);
            PagableStorage storage = context.getBean(PagableStorage.class);
            storage.save(List.of(storage.arc("fits")));
            assertThat(storage.stats().store().entries()).isEqualTo(2);
            List<Object> children = new ArrayList<>();
            for (int i = 0; i < 100_001; i++) {
                children.add(storage.arc(i));
            }
            assertThatExceptionOfType(DataLimitExceededException.class)
                    .isThrownBy(() -> storage.save(children))
                    .satisfies((ex) -> assertThat(ex.getMaximum()).isEqualTo(100_000));
        });
    }
}
