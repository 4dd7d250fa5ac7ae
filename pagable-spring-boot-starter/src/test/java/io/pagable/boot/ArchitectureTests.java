package io.pagable.boot;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import io.pagable.DataKey;
import io.pagable.PagableException;
import io.pagable.PagableRoot;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * The layout, checked on the main classes of every module on this class path (core, the file and JDBC
 * stores, the starter), as Spring Boot's own build checks its modules: what may use what, and no
 * cycles between packages other than the one named in {@link #packagesAreFreeOfCyclesButTheApiAndItsSpi}.
 */
class ArchitectureTests {

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ArchitectureTests::isNotATestJar)
            .importPackages("io.pagable");

    /**
     * In a reactor build past {@code package} the modules' test fixtures arrive as {@code -tests.jar}
     * files, which {@link ImportOption.Predefined#DO_NOT_INCLUDE_TESTS} (a pattern on class directories)
     * lets through; their classes are tests, not the layout.
     */
    private static boolean isNotATestJar(Location location) {
        return !location.matches(TEST_JAR);
    }

    @Test
    void theRulesSeeEveryModulesMainClassesAndNoTestFixture() {
        assertThat(ALL.contain("io.pagable.PagableStorage")).isTrue();
        assertThat(ALL.contain("io.pagable.store.file.FileContentStore")).isTrue();
        assertThat(ALL.contain("io.pagable.store.jdbc.JdbcContentStore")).isTrue();
        assertThat(ALL.contain("io.pagable.boot.drainer.PagableDrainer")).isTrue();
        assertThat(ALL.contain("io.pagable.store.jdbc.TestDatabases")).isFalse();
        assertThat(ALL.contain("io.pagable.boot.ArchitectureTests")).isFalse();
    }

    @Test
    void coreUsesNoSpringNoJdbcAndNoStoreModule() {
        noClasses()
                .that()
                .resideInAnyPackage("io.pagable", "io.pagable.store")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..",
                        "io.pagable.boot..",
                        "io.pagable.store.file..",
                        "io.pagable.store.jdbc..",
                        "io.pagable.store.s3..")
                .check(ALL);
    }

    @Test
    void storesUseOfTheApiOnlyKeysRootsAndExceptions() {
        DescribedPredicate<JavaClass> engineOrCodec = DescribedPredicate.describe(
                "the engine, the codec or the API beyond DataKey, PagableRoot and the exceptions", (type) -> {
                    JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
                    return base.getPackageName().equals("io.pagable")
                            && !base.isEquivalentTo(DataKey.class)
                            && !base.isEquivalentTo(PagableRoot.class)
                            && !base.isAssignableTo(PagableException.class);
                });
        noClasses()
                .that()
                .resideInAnyPackage("io.pagable.store", "io.pagable.store.file..", "io.pagable.store.jdbc..")
                .should()
                .dependOnClassesThat(engineOrCodec)
                .because(
                        "a store keeps bytes, child keys and named roots (the test kit io.pagable.store.tck drives the "
                                + "engine over a store, and may)")
                .check(ALL);
    }

    @Test
    void storeModulesDoNotUseEachOther() {
        slices().matching("io.pagable.store.(*)..")
                .should()
                .notDependOnEachOther()
                .ignoreDependency(
                        resideInAnyPackage(
                                "io.pagable.store.file..", "io.pagable.store.jdbc..", "io.pagable.store.s3.."),
                        resideInAPackage("io.pagable.store"))
                .check(ALL);
        noClasses()
                .that()
                .resideInAPackage("io.pagable.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "io.pagable.boot..")
                .check(ALL);
    }

    @Test
    void springIsUsedByTheStarterOnly() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.pagable.boot..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(ALL);
    }

    @Test
    void runtimeClassesOfTheStarterDoNotDependOnItsWiring() {
        noClasses()
                .that()
                .resideInAPackage("io.pagable.boot..")
                .and()
                .resideOutsideOfPackage("io.pagable.boot.autoconfigure..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.pagable.boot.autoconfigure..")
                .because("runtime classes (drainer, endpoint, health, metrics) are usable without the "
                        + "auto-configuration, as Spring Boot's DataSourceHealthIndicator is")
                .check(ALL);
        classes()
                .that()
                .areAnnotatedWith(AutoConfiguration.class)
                .should()
                .resideInAPackage("io.pagable.boot.autoconfigure..")
                .andShould()
                .bePublic()
                .check(ALL);
    }

    /**
     * One cycle is by design: the API package {@code io.pagable} and the SPI package
     * {@code io.pagable.store}. The SPI speaks in the API's {@code DataKey} and exceptions, and the
     * engine (package-private in {@code io.pagable}) writes to and reads from the SPI's stores. Splitting
     * {@code DataKey} and the exceptions into a third package would only move the cycle's edge.
     */
    @Test
    void packagesAreFreeOfCyclesButTheApiAndItsSpi() {
        slices().matching("io.pagable.(**)").should().beFreeOfCycles().check(ALL);
    }
}
