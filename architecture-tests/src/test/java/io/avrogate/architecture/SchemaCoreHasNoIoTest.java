package io.avrogate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: "schema-core has no I/O". The compatibility engine is pure, so the CI check, the registry and the serde
 * can all run it the same way; files, sockets and Kafka belong to the modules that use it. A pom cannot show this
 * (the JDK is always there), so it is checked on schema-core's classes.
 */
class SchemaCoreHasNoIoTest {
    private static final ArchRule NO_IO = noClasses().that().resideInAPackage("io.avrogate.core..")
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "java.nio.channels..",
                    "org.apache.kafka..")
            .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.(File|RandomAccessFile).*")
            .because("DESIGN.md: schema-core has no I/O; its callers read files and talk to the network");

    @Test
    void schemaCoreDoesNoIo() {
        JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.avrogate.core");
        assertThat(core.containPackage("io.avrogate.core.migration")).as("schema-core's classes were found").isTrue();
        NO_IO.check(core);
    }
}
