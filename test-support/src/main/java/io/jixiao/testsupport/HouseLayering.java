package io.jixiao.testsupport;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The house layering of STYLE.md, the same for every service: thin resources over services over repositories, a
 * domain that knows none of them, and engines (domain subpackages) in plain Java.
 */
public final class HouseLayering {

    private final String base;
    private final JavaClasses classes;

    private HouseLayering(String base) {
        this.base = base;
        this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base);
    }

    /** @param base the service's base package, e.g. {@code io.jixiao.budget} */
    public static HouseLayering of(String base) {
        return new HouseLayering(base);
    }

    public void layersOnlyCallDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("rest").definedBy(base + ".rest..")
                .layer("service").definedBy(base + ".service..")
                .layer("repository").definedBy(base + ".repository..")
                .layer("messaging").definedBy(base + ".messaging..")
                .layer("domain").definedBy(base + ".domain..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest", "messaging")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("service")
                .check(classes);
    }

    public void domainKnowsNoOuterLayer() {
        noClasses().that().resideInAPackage(base + ".domain..").should().dependOnClassesThat()
                .resideInAnyPackage(base + ".rest..", base + ".service..", base + ".repository..",
                        base + ".messaging..", "io.quarkus..", "jakarta.ws.rs..")
                .check(classes);
    }

    public void enginesArePlainJava() {
        noClasses().that().resideInAPackage(base + ".domain.(*)..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta..", "org.hibernate..", "io.jixiao.kit..", "io.quarkus..")
                .check(classes);
    }
}
