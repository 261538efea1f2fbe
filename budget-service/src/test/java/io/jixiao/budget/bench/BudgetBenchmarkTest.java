package io.jixiao.budget.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jixiao.budget.domain.rules.Category;
import io.jixiao.budget.domain.rules.Grade;
import io.jixiao.budget.domain.rules.ProposalCalculator;
import io.jixiao.budget.domain.rules.RuleTable;
import io.jixiao.budget.messaging.BudgetEvents.ResultFinalized;
import io.jixiao.budget.service.LinkageService;
import io.jixiao.budget.service.MonitoringService;
import io.jixiao.kit.inbox.EventEnvelope;
import io.jixiao.testsupport.JixiaoTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 6's numbers on real PostgreSQL: dual monitoring of 10,000 projects, and the proposals of a whole province
 * (10,000 projects of 1,000 departments, each with its explanation, stored and queued as events). Prints the numbers;
 * asserts only that the work was done. Run: ./mvnw -Pbench -pl budget-service test
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
@Tag("benchmark")
class BudgetBenchmarkTest {

    static final int YEAR = 2030;
    static final int SUBJECTS = 1000;
    static final int PER_SUBJECT = 10;

    @Inject
    EntityManager em;

    @Inject
    MonitoringService monitoring;

    @Inject
    LinkageService linkage;

    @Test
    void tenThousandProjects() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into known_subject select 'P' || g, '省直单位' || g, null, now()"
                    + " from generate_series(1, " + SUBJECTS + ") g on conflict do nothing").executeUpdate();
            em.createNativeQuery("insert into budget_project select gen_random_uuid(), 'P' || (g % " + SUBJECTS
                    + " + 1), " + YEAR + ", case when g % 5 = 0 then 'LIVELIHOOD' else 'GENERAL' end, '项目' || g,"
                    + " 100000 + (g % 97) * 1000.25, '[\"I1\", \"I2\"]'::jsonb, now(), 0 from generate_series(1, "
                    + SUBJECTS * PER_SUBJECT + ") g").executeUpdate();
            em.createNativeQuery("insert into execution select gen_random_uuid(), p.id, p.approved_amount * (0.3 +"
                    + " (abs(hashtext(p.name)) % 60) / 100.0), date '" + YEAR + "-06-30', null, false, 'bench', now()"
                    + " from budget_project p where p.fiscal_year = " + YEAR).executeUpdate();
            em.createNativeQuery("insert into indicator_score select 'P' || g, i, '" + YEAR + "', 40 + (g * 7) % 60,"
                    + " now(), gen_random_uuid() from generate_series(1, " + SUBJECTS
                    + ") g, (values ('I1'), ('I2')) v(i)")
                    .executeUpdate();
        });
        LocalDate asOf = LocalDate.of(YEAR, 9, 30);
        monitoring.assess(YEAR, asOf, null); // warm-up
        long[] runs = new long[5];
        int assessed = 0;
        for (int i = 0; i < runs.length; i++) {
            long t0 = System.nanoTime();
            assessed = monitoring.assess(YEAR, asOf, null).size();
            runs[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(runs);
        System.out.printf("%n[bench] dual monitoring of %d projects: median %d ms, best %d ms, worst %d ms%n",
                assessed, runs[2], runs[0], runs[4]);
        Assertions.assertEquals(SUBJECTS * PER_SUBJECT, assessed);
        // a department's page reads its own projects only, not the province's
        long[] one = new long[20];
        for (int i = 0; i < one.length; i++) {
            long t0 = System.nanoTime();
            assessed = monitoring.assess(YEAR, asOf, "P" + (i * 37 % SUBJECTS + 1), null).size();
            one[i] = (System.nanoTime() - t0) / 1_000;
        }
        Arrays.sort(one);
        System.out.printf("[bench] dual monitoring of one department's %d projects among %d: median %.1f ms, worst"
                + " %.1f ms%n", assessed, SUBJECTS * PER_SUBJECT, one[10] / 1000.0, one[19] / 1000.0);
        Assertions.assertEquals(PER_SUBJECT, assessed);

        // the engine alone: 10,000 proposals with their explanations
        String[] grades = {"EXCELLENT", "GOOD", "PASS", "FAIL"};
        RuleTable rules = RuleTable.standard(YEAR);
        long e0 = System.nanoTime();
        int explained = 0;
        for (int i = 0; i < SUBJECTS * PER_SUBJECT; i++) {
            var p = ProposalCalculator.propose(new ProposalCalculator.Input(
                    i % 5 == 0 ? Category.LIVELIHOOD : Category.GENERAL,
                    BigDecimal.valueOf(100000 + (i % 97) * 1000.25),
                    Grade.values()[i % 4], BigDecimal.valueOf(50 + i % 50), BigDecimal.valueOf(40 + i % 60),
                    Grade.values()[(i / 4) % 4], YEAR), rules);
            explained += p.explanation().size();
        }
        System.out.printf("[bench] proposal engine, %d proposals with %d explanation lines: %d ms%n",
                SUBJECTS * PER_SUBJECT, explained, (System.nanoTime() - e0) / 1_000_000);

        // the whole path: one result event per department, each in its own transaction as the consumer runs it
        long t0 = System.nanoTime();
        for (int g = 1; g <= SUBJECTS; g++) {
            int n = g;
            QuarkusTransaction.requiringNew().run(() -> {
                EventEnvelope env = new EventEnvelope(UUID.randomUUID(), "jixiao.evaluation.result.finalized.v1",
                        "bench", "P" + n, OffsetDateTime.now(), null, "{}");
                linkage.result(env, new ResultFinalized(UUID.randomUUID(), String.valueOf(YEAR), "P" + n,
                        BigDecimal.valueOf(50 + n % 50), grades[n % 4]));
            });
        }
        long proposalsMs = (System.nanoTime() - t0) / 1_000_000;
        long proposals = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from proposal where fiscal_year = " + (YEAR + 1)).getSingleResult()).longValue());
        System.out.printf("[bench] proposals for %d projects of %d departments via %d result events (one"
                + " transaction each: stored with explanations, queued as events): %d ms%n%n", proposals, SUBJECTS,
                SUBJECTS, proposalsMs);
        Assertions.assertEquals(SUBJECTS * PER_SUBJECT, proposals);

        // the batched path: every proposal of the year recomputed from the stored results (e.g. after a new rule version)
        long[] batch = new long[3];
        int written = 0;
        for (int i = 0; i < batch.length; i++) {
            long b0 = System.nanoTime();
            written = linkage.recomputeYear(YEAR);
            batch[i] = (System.nanoTime() - b0) / 1_000_000;
        }
        Arrays.sort(batch);
        System.out.printf("[bench] year-wide recompute of %d proposals (explained, stored, queued as events), one"
                + " transaction in chunks of 500: median %d ms, best %d ms%n%n", written, batch[1], batch[0]);
        Assertions.assertEquals(SUBJECTS * PER_SUBJECT, written);
    }

}
