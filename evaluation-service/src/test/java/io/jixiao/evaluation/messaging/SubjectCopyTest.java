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
        sendAndAwait(ConsumedEvents.SUBJECT_REGISTERED, code, "旧名", "OLD");
        sendAndAwait(ConsumedEvents.SUBJECT_CHANGED, code, "新名", "NEW");
    }

    /** Sends a subject event with the payload of subject.registered, and waits for the copy to say what it says. */
    void sendAndAwait(String type, String code, String name, String parent) {
        EventSamples.send(bootstrap, TOPIC, type, code, EventSamples.with(ConsumedEvents.SUBJECT_REGISTERED, "code",
                code, "nameZh", name, "parentCode", parent), UUID.randomUUID());
        Eventually.until(type, Duration.ofSeconds(30), () -> TestDb.count(em,
                "select count(*) from known_subject where code = ?1 and name_zh = ?2 and parent_code = ?3", code, name,
                parent) == 1);
    }
}
