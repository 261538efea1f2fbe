package io.jixiao.evaluation;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The house layering (STYLE.md): thin resources over services over repositories; a domain that knows none of them. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.jixiao.evaluation");

    @Test
    void layersOnlyCallDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("rest").definedBy("..evaluation.rest..")
                .layer("service").definedBy("..evaluation.service..")
                .layer("repository").definedBy("..evaluation.repository..")
                .layer("messaging").definedBy("..evaluation.messaging..")
                .layer("domain").definedBy("..evaluation.domain..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest", "messaging")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("service")
                .check(CLASSES);
    }

    @Test
    void theDomainKnowsNoOuterLayer() {
        noClasses().that().resideInAPackage("..evaluation.domain..").should().dependOnClassesThat()
                .resideInAnyPackage("..evaluation.rest..", "..evaluation.service..", "..evaluation.repository..",
                        "..evaluation.messaging..",
                        "io.quarkus..", "jakarta.ws.rs..")
                .check(CLASSES);
    }

    @Test
    void theEnginesArePlainJava() {
        noClasses().that().resideInAPackage("..evaluation.domain.(*)..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta..", "org.hibernate..", "io.jixiao.kit..", "io.quarkus..")
                .check(CLASSES);
    }
}
