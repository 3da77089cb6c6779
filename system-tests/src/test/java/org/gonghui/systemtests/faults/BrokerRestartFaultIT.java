package org.gonghui.systemtests.faults;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker stops for 10 s while 1,000 honors are conferred (imported) and 1,000 payouts linked to a visit
 * are made. Writes go on (the outbox keeps the events); afterwards every effect exists exactly once.
 */
class BrokerRestartFaultIT {

    @BeforeEach
    @AfterEach
    void wholeSuiteRuns() {
        SuiteControl.ensureWholeSuiteRuns();
    }

    @Test
    void everyEffectExistsExactlyOnceAfterTheBrokerWasDownForTenSeconds() {
        FaultLoad load = FaultLoad.prepare("brk", 1_000, 1_000);
        load.start();
        load.awaitProgress(0.3);
        SuiteControl.suite("stop", "kafka");
        SuiteControl.sleep(Duration.ofSeconds(10));
        SuiteControl.suite("start", "kafka");
        load.awaitFinished();
        load.assertExactlyOnce(Duration.ofSeconds(120));
    }
}
