package org.gonghui.welfare.hardship;

public enum Hardship {
    SERIOUS_ILLNESS, LOW_INCOME, DISABILITY, SINGLE_PARENT, DISASTER, UNEMPLOYED, ENTERPRISE_DIFFICULTY
}
