package org.gonghui.honors.award;

public enum AwardLevel {
    NATIONAL, PROVINCIAL, MUNICIPAL, COUNTY
}
