package tokenstream.relay;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The relay's shape: a pure core, adapters around it, no package that needs another which needs it back. */
class RelayArchitectureTest {
    private static final JavaClasses RELAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("tokenstream.relay");

    @Test
    void theCoreImportsNoKafkaVertxQuarkusMicrometerOrJakarta() {
        noClasses().that().resideInAPackage("tokenstream.relay.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.vertx..", "io.quarkus..",
                        "io.micrometer..", "jakarta..", "org.jboss..", "io.smallrye..", "org.eclipse.microprofile..")
                .check(RELAY);
    }

    @Test
    void theCoreDependsOnlyOnTheJdkAndTheProtocol() {
        classes().that().resideInAPackage("tokenstream.relay.core..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "tokenstream.protocol..", "tokenstream.relay.core..")
                .check(RELAY);
    }

    @Test
    void theRelaysPackagesHaveNoCycles() {
        slices().matching("tokenstream.relay.(*)..").should().beFreeOfCycles().check(RELAY);
    }
}
