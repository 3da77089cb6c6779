package org.gonghui.honors;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.gonghui.honors.clock.HonorsClock;

import io.quarkus.test.junit.QuarkusMock;

/** The service clock moved forward by a test (notice periods last days); installed for one test at a time. */
final class MovableClock extends HonorsClock {

    private volatile Duration offset = Duration.ZERO;

    /** Replaces the service's clock for the current test; Quarkus puts the real one back afterwards. */
    static MovableClock install() {
        MovableClock clock = new MovableClock();
        QuarkusMock.installMockForType(clock, HonorsClock.class);
        return clock;
    }

    @Override
    public OffsetDateTime now() {
        return super.now().plus(offset);
    }

    void shift(Duration by) {
        offset = offset.plus(by);
    }

    void reset() {
        offset = Duration.ZERO;
    }
}
