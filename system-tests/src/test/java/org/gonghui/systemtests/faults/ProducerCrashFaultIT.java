package org.gonghui.systemtests.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The producing services die with SIGKILL between commit and publish: their relays are paused (test hook on
 * {@code /ops}), honors are imported and a payout is made, both commit with their outbox rows, and then honors and
 * welfare are killed. After the restart the relay publishes the rows it finds, and each event takes effect once.
 */
class ProducerCrashFaultIT {

    @BeforeEach
    @AfterEach
    void wholeSuiteRuns() {
        SuiteControl.ensureWholeSuiteRuns(); // also resumes the relays if the test stopped early
    }

    @Test
    void eventsCommittedBeforeTheCrashArriveExactlyOnceAfterTheRestart() {
        FaultLoad load = FaultLoad.prepare("prd", 5, 1);
        for (String producer : new String[] { "honors-service", "welfare-service" }) {
            assertEquals(200, SuiteControl.ops("POST", producer, "/outbox/pause").status());
        }
        load.runInline();
        assertTrue(SuiteControl.outboxBacklog("honors-service") >= 5, "the honors' events wait in the outbox");
        assertTrue(SuiteControl.outboxBacklog("welfare-service") >= 1, "the aid-paid event waits in the outbox");
        assertEquals(0L, load.registryEntries(), "nothing published while paused");
        assertEquals(0L, load.aidOnActivity(), "nothing published while paused");

        SuiteControl.suite("kill", "honors-service");
        SuiteControl.suite("kill", "welfare-service");
        SuiteControl.suite("start", "honors-service");
        SuiteControl.suite("start", "welfare-service");

        load.assertExactlyOnce(Duration.ofSeconds(60));
        assertEquals(5L, load.registryEntries());
        assertEquals(FaultLoad.AMOUNT_FEN, load.aidOnActivity());
    }
}
