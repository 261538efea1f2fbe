package io.jixiao.indicator;

import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.HouseLayering;

/** The house layering (STYLE.md), checked on this service's classes. */
class ArchitectureTest {

    static final HouseLayering HOUSE = HouseLayering.of("io.jixiao.indicator");

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
