package io.jixiao.budget;

import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.HouseLayering;

/** The house layering (STYLE.md), checked on this service's classes. */
class ArchitectureTest {

    static final HouseLayering HOUSE = HouseLayering.of("io.jixiao.budget");

    @Test
    void layersOnlyCallDownwards() {
        HOUSE.layersOnlyCallDownwards();
    }

    @Test
    void theDomainKnowsNoOuterLayer() {
        HOUSE.domainKnowsNoOuterLayer();
    }

    @Test
    void theEnginesArePlainJava() {
        HOUSE.enginesArePlainJava();
    }
}
