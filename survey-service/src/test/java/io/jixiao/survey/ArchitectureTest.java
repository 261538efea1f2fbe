package io.jixiao.survey;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The house layering (STYLE.md): thin resources over services over repositories; a domain that knows none of them. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.jixiao.survey");

    @Test
    void layersOnlyCallDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("rest").definedBy("..survey.rest..")
                .layer("service").definedBy("..survey.service..")
                .layer("repository").definedBy("..survey.repository..")
                .layer("messaging").definedBy("..survey.messaging..")
                .layer("domain").definedBy("..survey.domain..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest", "messaging")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("service")
                .check(CLASSES);
    }

    @Test
    void theDomainKnowsNoOuterLayer() {
        noClasses().that().resideInAPackage("..survey.domain..").should().dependOnClassesThat()
                .resideInAnyPackage("..survey.rest..", "..survey.service..", "..survey.repository..",
                        "..survey.messaging..",
                        "io.quarkus..", "jakarta.ws.rs..")
                .check(CLASSES);
    }

    @Test
    void theEnginesArePlainJava() {
        noClasses().that().resideInAPackage("..survey.domain.(*)..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta..", "org.hibernate..", "io.jixiao.kit..", "io.quarkus..")
                .check(CLASSES);
    }
}
