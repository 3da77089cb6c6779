package org.gonghui.platform.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gonghui.contracts.EventType;
import org.gonghui.contracts.Topics;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;

/**
 * Client settings shared by the outbox relay and the event consumer: everything under {@code kafka.*} in the
 * configuration (bootstrap servers, and in a cluster the TLS/SCRAM settings) plus topic creation.
 */
@ApplicationScoped
public class KafkaSettings {

    private static final Logger LOG = Logger.getLogger(KafkaSettings.class);
    private static final List<String> NOT_CLIENT_SETTINGS = List.of("health.enabled", "devservices.enabled",
            "snappy.enabled");

    private final Map<String, Object> common;
    private final int partitions;
    private final short replicationFactor;
    private final boolean createTopics;

    @Inject
    public KafkaSettings(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "gonghui.kafka.topic-partitions", defaultValue = "3") int partitions,
            @ConfigProperty(name = "gonghui.kafka.topic-replication-factor", defaultValue = "1") short replicationFactor,
            @ConfigProperty(name = "gonghui.kafka.create-topics", defaultValue = "true") boolean createTopics) {
        Map<String, Object> settings = new HashMap<>(kafka);
        NOT_CLIENT_SETTINGS.forEach(settings::remove);
        this.common = Map.copyOf(settings);
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.createTopics = createTopics;
    }

    /** A fresh copy of the common client settings, to add producer or consumer settings to. */
    public Map<String, Object> clientSettings() {
        return new HashMap<>(common);
    }

    /** Creates every topic of the event catalogue and its dead-letter twin when missing. */
    public void ensureSuiteTopics() {
        if (!createTopics) {
            return; // in a cluster the topics are declared (KafkaTopic) and services may not create them
        }
        List<String> topics = new java.util.ArrayList<>();
        for (EventType type : EventType.values()) {
            if (!topics.contains(type.topic())) {
                topics.add(type.topic());
                topics.add(Topics.deadLetterOf(type.topic()));
            }
        }
        ensureTopics(topics);
    }

    /** Creates the topics that do not exist yet; in a cluster they are declared as KafkaTopics and already exist. */
    public void ensureTopics(List<String> topics) {
        Map<String, Object> settings = clientSettings();
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(settings)) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor))).all()
                            .get(15, TimeUnit.SECONDS);
                    LOG.infof("created topic %s", topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warnf("could not create topic %s: %s", topic, e.getCause().toString());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("could not ensure topics %s: %s", topics, e.toString());
        }
    }
}
