package io.jixiao.evaluation.bench;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jixiao.evaluation.service.AssignmentService;
import io.jixiao.evaluation.service.CycleService;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 4's finalize number on real PostgreSQL: a closed cycle of 1,000 subjects, each with 80 ratings (20 superior,
 * 20 third-party, 40 peer), a scorecard and a satisfaction index, finalized: computed, trimmed, ranked, frozen with
 * the explained breakdown and queued as 1,000 result events. Run: ./mvnw -Pbench -pl evaluation-service test
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
@Tag("benchmark")
class FinalizeBenchmarkTest {

    static final int SUBJECTS = 1000;

    @Inject
    EntityManager em;

    @Inject
    CycleService cycles;

    @Inject
    io.jixiao.evaluation.service.LedgerAppender appender;

    @Inject
    io.jixiao.evaluation.service.LedgerService ledger;

    @Inject
    AssignmentService assignments;

    @Test
    void finalizeACycleOfAThousandSubjects() {
        UUID cycle = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into cycle (id, name, period, status, w_superior, w_public, w_third_party,"
                    + " w_peer, objective_share, self_share, missing_policy, min_public_sample, trim_at_least,"
                    + " appeal_window_days, criteria, created_at) values (cast(?1 as uuid), 'bench', '2031', 'CLOSED',"
                    + " 40, 30, 20, 10, 0.5, 0.2, 'RENORMALIZE', 30, 5, 10, '{}'::jsonb, now())")
                    .setParameter(1, cycle.toString()).executeUpdate();
            em.createNativeQuery("insert into cycle_subject select cast(?1 as uuid), 'B' || g from generate_series(1, "
                    + SUBJECTS + ") g").setParameter(1, cycle.toString()).executeUpdate();
            em.createNativeQuery("insert into rating (id, cycle_id, subject_code, party, evaluator, criteria, value,"
                    + " submitted_by, submitted_at, is_current) select gen_random_uuid(), cast(?1 as uuid), 'B' || g,"
                    + " case when r <= 20 then 'SUPERIOR' when r <= 40 then 'THIRD_PARTY' else 'PEER' end, 'e' || r,"
                    + " '[{\"code\":\"X\",\"score\":70,\"weight\":null}]'::jsonb, 40 + (g * 13 + r * 7) % 60, 'bench',"
                    + " now(), true from generate_series(1, " + SUBJECTS + ") g, generate_series(1, 80) r")
                    .setParameter(1, cycle.toString()).executeUpdate();
            em.createNativeQuery("insert into scorecard_input select 'B' || g, '2031', 50 + g % 50, 60 + g % 40,"
                    + " 70, 'GOOD', 'PASSED', now(), gen_random_uuid() from generate_series(1, " + SUBJECTS + ") g")
                    .executeUpdate();
            em.createNativeQuery("insert into satisfaction_input select 'B' || g, '2031', 60 + g % 35, 100, false,"
                    + " now(), gen_random_uuid() from generate_series(1, " + SUBJECTS + ") g").executeUpdate();
        });
        // before it is finalized, a result is provisional: computed on each read, the whole cycle ranked
        String admin = TestTokens.admin();
        long[] oneMs = timed(5, () -> given().auth().oauth2(admin).get("/api/v1/cycles/{id}/results/B500", cycle)
                .then().statusCode(200));
        long[] tableMs = timed(5, () -> given().auth().oauth2(admin).get("/api/v1/cycles/{id}/results?size=20", cycle)
                .then().statusCode(200).body("totalItems", equalTo(SUBJECTS)));
        System.out.printf("%n[bench] provisional result of one subject of %d (80,000 ratings): %s ms; a page of the"
                + " provisional league: %s ms (5 calls each, through REST)%n%n", SUBJECTS, Arrays.toString(oneMs),
                Arrays.toString(tableMs));

        long t0 = System.nanoTime();
        cycles.finalizeCycle(cycle);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long frozen = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from result where cycle_id = cast(?1 as uuid) and rank is not null")
                .setParameter(1, cycle.toString()).getSingleResult()).longValue());
        System.out.printf("%n[bench] finalize of %d subjects × 80 ratings (80,000) with scorecard and satisfaction"
                + " inputs: %d ms (computed, trimmed, ranked, frozen with breakdowns, 1,000 events queued)%n%n",
                SUBJECTS, ms);
        Assertions.assertEquals(SUBJECTS, frozen);

        // the office's rating progress over the same cycle: its 80,000 ratings assigned, and one more peer per subject
        // who has not rated (81,000 assignments, each checked for its current rating), read right after they were
        // written, before PostgreSQL has statistics of either table (a nested loop took 170 s here)
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into assignment (id, cycle_id, party,"
                + " evaluator, subject_code) select gen_random_uuid(), cycle_id, party, evaluator, subject_code from"
                + " rating where cycle_id = cast(?1 as uuid) union all select gen_random_uuid(), cast(?1 as uuid),"
                + " 'PEER', 'e81', 'B' || g from generate_series(1, " + SUBJECTS + ") g")
                .setParameter(1, cycle.toString()).executeUpdate());
        // an evaluator's own list, on its 6th page, right after the assignments were written: e7 rates 1,000 subjects
        String e7 = TestTokens.superior("e7");
        long[] assignedMs = timed(3, () -> given().auth().oauth2(e7).get(
                "/api/v1/cycles/{id}/assignments?size=100&page=5", cycle).then().statusCode(200)
                .body("totalItems", equalTo(SUBJECTS)));
        long[] ratedMs = timed(3, () -> given().auth().oauth2(e7).get(
                "/api/v1/cycles/{id}/ratings?size=100&page=5", cycle).then().statusCode(200)
                .body("totalItems", equalTo(SUBJECTS)));
        System.out.printf("%n[bench] an evaluator's page 6 of its 1,000 assignments among 81,000: %s ms; of its"
                + " 1,000 ratings among 80,000: %s ms (3 calls each)%n%n", Arrays.toString(assignedMs),
                Arrays.toString(ratedMs));
        long[] progressMs = new long[5];
        AssignmentService.Progress progress = null;
        for (int i = 0; i < progressMs.length; i++) {
            long p0 = System.nanoTime();
            progress = assignments.progress(cycle, null, PageRequest.of(0, 50));
            progressMs[i] = (System.nanoTime() - p0) / 1_000_000;
        }
        System.out.printf("%n[bench] rating progress of %d assignments (%d pending): %s ms (5 calls)%n%n",
                progress.parties().stream().mapToLong(x -> x.assigned()).sum(), progress.pending().totalItems(),
                Arrays.toString(progressMs));
        Assertions.assertEquals(SUBJECTS * 80L, progress.parties().stream().mapToLong(x -> x.rated()).sum());
        Assertions.assertEquals(SUBJECTS, progress.pending().totalItems());

        // the same 80,000 ratings linked into the ledger, then the whole chain verified (as POST …/ledger/verify)
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into ledger_pending (cycle_id,"
                + " rating_id, replaced) select cycle_id, id, false from rating where cycle_id = cast(?1 as uuid)"
                + " order by subject_code, evaluator").setParameter(1, cycle.toString()).executeUpdate());
        long l0 = System.nanoTime();
        appender.drain();
        long linked = (System.nanoTime() - l0) / 1_000_000;
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long v0 = System.nanoTime();
        var verdict = ledger.verify(cycle);
        long verified = (System.nanoTime() - v0) / 1_000_000;
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        System.out.printf("%n[bench] ledger of %d ratings: linked in %d ms; verified in %d ms (valid %s, %d links),"
                + " heap %d MB before, %d MB after the verification%n%n", verdict.checked(), linked, verified,
                verdict.valid(), verdict.checked(), heapBefore >> 20, heapAfter >> 20);
        Assertions.assertTrue(verdict.valid());
        Assertions.assertEquals(SUBJECTS * 80, verdict.checked());
    }

    static long[] timed(int times, Runnable call) {
        long[] ms = new long[times];
        for (int i = 0; i < times; i++) {
            long t0 = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        return ms;
    }
}
