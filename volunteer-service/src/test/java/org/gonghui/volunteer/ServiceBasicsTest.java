package org.gonghui.volunteer;

import org.gonghui.platform.testing.ServiceBasics;

import io.quarkus.test.junit.QuarkusTest;

/** The checks every service shares ({@link ServiceBasics}); volunteer has none of its own here. */
@QuarkusTest
class ServiceBasicsTest extends ServiceBasics {

    ServiceBasicsTest() {
        super("volunteer");
    }
}
