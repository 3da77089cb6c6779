package org.gonghui.welfare.modelworker;

import java.util.UUID;

public record ModelWorkerView(UUID id, String personRef, String name, String level, int sinceYear, String orgCode,
        String awardCode, String unitName, UUID honorId) {

    static ModelWorkerView of(ModelWorker m) {
        return new ModelWorkerView(m.id, m.personRef, m.name, m.level, m.sinceYear, m.orgCode, m.awardCode,
                m.unitName, m.honorId);
    }
}
