package org.gonghui.volunteer;

import org.gonghui.platform.testing.GonghuiTestResource;

import io.quarkus.test.common.QuarkusTestResource;

/** Every @QuarkusTest of this module runs against a real Kafka broker and a fresh real PostgreSQL database. */
@QuarkusTestResource(value = GonghuiTestResource.class, restrictToAnnotatedClass = false)
public class TestInfrastructure {
}
