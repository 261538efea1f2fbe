package io.jixiao.budget;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The house layering (STYLE.md): thin resources over services over repositories; a domain that knows none of them. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.jixiao.budget");

    @Test
    void layersOnlyCallDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("rest").definedBy("..budget.rest..")
                .layer("service").definedBy("..budget.service..")
                .layer("repository").definedBy("..budget.repository..")
                .layer("messaging").definedBy("..budget.messaging..")
                .layer("domain").definedBy("..budget.domain..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest", "messaging")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("service")
                .check(CLASSES);
    }

    @Test
    void theDomainKnowsNoOuterLayer() {
        noClasses().that().resideInAPackage("..budget.domain..").should().dependOnClassesThat()
                .resideInAnyPackage("..budget.rest..", "..budget.service..", "..budget.repository..",
                        "..budget.messaging..",
                        "io.quarkus..", "jakarta.ws.rs..")
                .check(CLASSES);
    }

    @Test
    void theEnginesArePlainJava() {
        noClasses().that().resideInAPackage("..budget.domain.(*)..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta..", "org.hibernate..", "io.jixiao.kit..", "io.quarkus..")
                .check(CLASSES);
    }
}
