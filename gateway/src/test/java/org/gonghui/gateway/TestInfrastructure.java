package org.gonghui.gateway;

import org.gonghui.platform.testing.GonghuiTestResource;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Every @QuarkusTest of this module runs against a real Kafka broker and a fresh real PostgreSQL database, signs
 * tokens with the test key and routes to stand-in services.
 */
@QuarkusTestResource(value = GonghuiTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = GatewayTestResource.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {
}
