package org.gonghui.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The generated year adds up to the Loudi 2016 figures of the API contract, with valid and unique people. */
class PlanTest {

    private final Plan plan = Plan.generate();

    @Test
    void totalsAreTheContractFigures() {
        Map<String, Long> t = plan.totals();
        assertEquals(13L, t.get("honors.byAward.may-day-pioneer-collective"));
        assertEquals(14L, t.get("honors.byAward.may-day-pioneer-post"));
        assertEquals(12L, t.get("honors.byAward.furong-model-post"));
        assertEquals(68L, t.get("honors.byAward.may-day-model"));
        assertEquals(17L, t.get("honors.byAward.furong-star"));
        assertEquals(13L, t.get("honors.byAward.hunan-craftsman"));
        assertEquals(60L, t.get("honors.byAward.loudi-craftsman"));
        assertEquals(126L, t.get("welfare.enterprisesVisited"));
        assertEquals(426L, t.get("welfare.householdsVisited"));
        assertEquals(137_000_000L, t.get("welfare.condolenceFen"));
        assertEquals(2_541L, t.get("welfare.studentAid.children"));
        assertEquals(619_600_000L, t.get("welfare.studentAid.amountFen"));
        assertEquals(1_200L, t.get("welfare.jobTrainingPeople"));
        assertEquals(110_000L, t.get("welfare.medicalMutualAidMembers"));
        assertEquals(50_000L, t.get("welfare.femaleSpecialDiseaseMembers"));
        assertEquals(700L, t.get("welfare.trainTickets"));
        assertEquals(29L, t.get("welfare.modelWorkerCondolence.national"));
        assertEquals(336L, t.get("welfare.modelWorkerCondolence.provincial"));
        assertEquals(25L, t.get("welfare.modelWorkerCondolence.municipal"));
        assertEquals(45_000_000L, t.get("welfare.modelWorkerCondolence.amountFen"));
        assertEquals(130L, t.get("welfare.modelWorkerLivingSubsidy.people"));
        assertEquals(136_000_000L, t.get("welfare.modelWorkerLivingSubsidy.amountFen"));
        assertEquals(115L, t.get("welfare.modelWorkerSpecialHardship.people"));
        assertEquals(57_000_000L, t.get("welfare.modelWorkerSpecialHardship.amountFen"));
        assertEquals(16_000_000L, t.get("welfare.communityAidFen"));
        assertEquals(16_000_000L, t.get("volunteer.aidDeliveredFen"));
    }

    @Test
    void everyOrgHasAShareAndTheSameSeedGivesTheSameYear() {
        plan.shares().forEach((org, share) -> assertTrue(share.getOrDefault("welfare.studentAid.children", 0L) > 0,
                org + " has no share"));
        assertEquals(plan.shares(), Plan.generate().shares());
        assertEquals(plan.cases.get(100), Plan.generate().cases.get(100));
    }

    @Test
    void checkCharactersAgreeWithPublishedExamples() {
        assertEquals('X', People.idCheck("11010519491231002")); // the example of GB 11643-1999
        assertEquals('3', People.creditCheck("91350100M000100Y4")); // a published unified social credit code
    }

    @Test
    void idNumbersAndCreditCodesAreValidAndUnique() {
        List<String> ids = new ArrayList<>();
        plan.cases.forEach(c -> ids.add(c.idNumber() != null ? c.idNumber() : c.creditCode()));
        plan.modelWorkers.forEach(m -> ids.add(m.idNumber()));
        plan.volunteers.forEach(v -> ids.add(v.idNumber()));
        plan.enrolments.get("medical-mutual-aid").values().forEach(rows -> rows.forEach(r -> ids.add(r.split(",")[1])));
        Set<String> unique = new HashSet<>(ids);
        assertEquals(ids.size(), unique.size(), "duplicate ID numbers or credit codes");
        for (String id : ids) {
            char check = id.startsWith("91") ? People.creditCheck(id.substring(0, 17)) : People.idCheck(id.substring(0, 17));
            assertEquals(check, id.charAt(17), id);
        }
        // women only in the special-disease cover: the 17th digit of a woman's number is even
        plan.enrolments.get("female-special-disease").values().forEach(rows -> rows.forEach(
                r -> assertEquals(0, (r.split(",")[1].charAt(16) - '0') % 2, r)));
    }

    @Test
    void modelWorkersCanBeFoundInTheRegistryByNameUnitAndOrg() {
        Set<String> keys = new HashSet<>();
        plan.modelWorkers.forEach(m -> assertTrue(keys.add(Plan.modelWorkerKey(m.name(), m.unitName(), m.org()))));
        assertEquals(390, keys.size());
    }
}
