package org.gonghui.systemtests.faults;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consuming services die with SIGKILL mid-load: welfare (consumer of honor-conferred, and producer of aid-paid)
 * at 30 % of the load, volunteer (consumer of aid-paid) at 60 %; each is started again at once. Events they had
 * applied without committing the offset come again and are dropped by the inbox; afterwards every effect exists
 * exactly once. The payouts pause while welfare is down (the conferrals go on): a payout request inside welfare at
 * the moment of the kill was left without an answer by the gateway, a problem of its own (see the issue 7 report).
 */
class ConsumerCrashFaultIT {

    @BeforeEach
    @AfterEach
    void wholeSuiteRuns() {
        SuiteControl.ensureWholeSuiteRuns();
    }

    @Test
    void everyEffectExistsExactlyOnceAfterConsumersWereKilledMidLoad() {
        FaultLoad load = FaultLoad.prepare("csm", 1_000, 1_000);
        load.start();
        load.awaitProgress(0.3);
        // welfare consumes the conferrals, which go on; its own payout requests wait meanwhile
        load.holdPayouts();
        SuiteControl.suite("kill", "welfare-service");
        SuiteControl.suite("start", "welfare-service");
        load.releasePayouts();
        load.awaitProgress(0.6);
        SuiteControl.suite("kill", "volunteer-service");
        SuiteControl.suite("start", "volunteer-service");
        load.awaitFinished();
        load.assertExactlyOnce(Duration.ofSeconds(120));
    }
}
