package org.gonghui.welfare.stats;

/** The welfare section of the annual report; amounts are what was paid in the year. */
public record WelfareStats(
        int year,
        String orgCode,
        long enterprisesVisited,
        long householdsVisited,
        long condolenceFen,
        StudentAid studentAid,
        long jobTrainingPeople,
        long medicalMutualAidMembers,
        long femaleSpecialDiseaseMembers,
        long trainTickets,
        ModelWorkerCondolence modelWorkerCondolence,
        PeopleAndAmount modelWorkerLivingSubsidy,
        PeopleAndAmount modelWorkerSpecialHardship,
        long communityAidFen) {

    public record StudentAid(long children, long amountFen) {
    }

    public record ModelWorkerCondolence(long national, long provincial, long municipal, long amountFen) {
    }

    public record PeopleAndAmount(long people, long amountFen) {
    }
}
