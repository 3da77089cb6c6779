package org.gonghui.welfare.program;

public enum ProgramKind {
    GRANT, ENROLMENT
}
