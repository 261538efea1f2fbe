package io.jixiao.budget.messaging;

import java.util.List;

import org.junit.jupiter.params.provider.Arguments;

import io.jixiao.testsupport.EventSchemaContract;

/** The schemas and samples in {@code docs/events/} of the events this service publishes. */
class EventSchemaTest extends EventSchemaContract {

    @Override
    protected List<Arguments> published() {
        return List.of(Arguments.of(BudgetEvents.ADJUSTMENT_PROPOSED, BudgetEvents.AdjustmentProposed.class),
                Arguments.of(BudgetEvents.WARNING_RAISED, BudgetEvents.WarningRaised.class));
    }
}
