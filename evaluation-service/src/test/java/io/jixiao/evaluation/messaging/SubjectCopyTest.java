package io.jixiao.evaluation.messaging;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.EventSamples;
import io.jixiao.testsupport.Eventually;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A subject revised in indicator-service (renamed, moved under another parent) is revised in this service's copy. */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class SubjectCopyTest {

    static final String TOPIC = "jixiao.indicator.events";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Test
    void aChangedSubjectReplacesTheCopysNameAndParent() {
        String code = "COPY" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        EventSamples.send(bootstrap, TOPIC, ConsumedEvents.SUBJECT_REGISTERED, code, EventSamples.with(
                ConsumedEvents.SUBJECT_REGISTERED, "code", code, "nameZh", "旧名", "parentCode", "OLD"),
                UUID.randomUUID());
        Eventually.until("registered", Duration.ofSeconds(30), () -> TestDb.count(em,
                "select count(*) from known_subject where code = ?1 and name_zh = '旧名' and parent_code = 'OLD'",
                code) == 1);
        EventSamples.send(bootstrap, TOPIC, ConsumedEvents.SUBJECT_CHANGED, code, EventSamples.with(
                ConsumedEvents.SUBJECT_REGISTERED, "code", code, "nameZh", "新名", "parentCode", "NEW"),
                UUID.randomUUID());
        Eventually.until("changed", Duration.ofSeconds(30), () -> TestDb.count(em,
                "select count(*) from known_subject where code = ?1 and name_zh = '新名' and parent_code = 'NEW'",
                code) == 1);
    }
}
