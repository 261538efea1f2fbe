package io.jixiao.kit.inbox;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.jixiao.kit.kafka.ReliableProducer;

/**
 * Sends one consumed record to its channel's dead-letter topic ({@code mp.messaging.incoming.<channel>.
 * dead-letter-queue.topic}), with the headers SmallRye's own dead-letter strategy writes, and waits for the broker's
 * acknowledgement: a batch consumer parks a poison record there and goes on with the rest of its poll.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private Producer<String, String> producer;

    public void send(String channel, ConsumerRecord<String, String> r, Throwable why) {
        String topic = ConfigProvider.getConfig().getOptionalValue("mp.messaging.incoming." + channel
                + ".dead-letter-queue.topic", String.class).orElse("dead-letter-topic-" + channel);
        ProducerRecord<String, String> dead = new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers());
        dead.headers().add("dead-letter-reason", bytes(why.getMessage() == null ? why.toString() : why.getMessage()));
        dead.headers().add("dead-letter-cause", bytes(why.getClass().getName()));
        dead.headers().add("dead-letter-topic", bytes(r.topic()));
        dead.headers().add("dead-letter-partition", bytes(Integer.toString(r.partition())));
        dead.headers().add("dead-letter-offset", bytes(Long.toString(r.offset())));
        try {
            producer().send(dead).get(20, TimeUnit.SECONDS);
            LOG.warnf("%s/%d@%d sent to %s: %s", r.topic(), r.partition(), r.offset(), topic, why.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter " + r.topic() + "/" + r.partition() + "@"
                    + r.offset(), e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            producer = ReliableProducer.create("dead-letters");
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
