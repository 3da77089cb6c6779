package org.gonghui.systemtests.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Welfare's database connections are cut ({@code pg_terminate_backend} on all its backends, five times a second
 * apart) while payouts and conferrals run. Requests that meet a dead connection fail cleanly (problem+json, never a
 * 500 nor a hang), retries with their Idempotency-Keys complete the load, nothing is half-written (one application
 * per payout, the fund's totals match), events still flow, and the same welfare process serves on (no restart).
 */
class DatabaseConnectionLossFaultIT {

    @BeforeEach
    @AfterEach
    void wholeSuiteRuns() {
        SuiteControl.ensureWholeSuiteRuns();
    }

    @Test
    void requestsFailCleanlyAndTheServiceRecoversWithoutRestart() {
        FaultLoad load = FaultLoad.prepare("dbl", 300, 300);
        long welfarePid = SuiteControl.pidOf("welfare-service");
        load.start();
        load.awaitProgress(0.2);
        int terminated = 0;
        for (int i = 0; i < 5; i++) {
            terminated += SuiteControl.terminateBackends("gonghui_welfare");
            SuiteControl.sleep(Duration.ofSeconds(1));
        }
        System.out.printf("terminated %d welfare backends%n", terminated);
        assertTrue(terminated > 0, "welfare had database connections to cut");
        load.awaitFinished();
        load.assertExactlyOnce(Duration.ofSeconds(120));
        assertEquals(welfarePid, SuiteControl.pidOf("welfare-service"), "welfare recovered without a restart");
    }
}
