package org.gonghui.welfare.program;

import java.util.List;

public record ProgramView(String code, String name, String nameEn, ProgramKind kind, Long maxPerYearFen,
        Integer maxTimesPerYear, boolean requiresModelWorker, List<String> modelWorkerLevels, List<String> caseKinds,
        Long twoApprovalsAboveFen) {

    static ProgramView of(Program p) {
        return new ProgramView(p.code, p.name, p.nameEn, p.kind, p.maxPerYearFen, p.maxTimesPerYear,
                p.requiresModelWorker, p.modelWorkerLevelList(), p.caseKindList(), p.twoApprovalsAboveFen);
    }
}
