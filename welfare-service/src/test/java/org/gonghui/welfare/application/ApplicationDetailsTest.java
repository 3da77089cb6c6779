package org.gonghui.welfare.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gonghui.platform.errors.ProblemException;
import org.junit.jupiter.api.Test;

/** #19.9: each program's details schema, and ID-number-shaped values masked. */
class ApplicationDetailsTest {

    private static String field(ProblemException e) {
        return e.toProblem().errors().get(0).field();
    }

    @Test
    void theDemosDetailsAreAccepted() {
        assertEquals(Map.of("childIdNumber", "430102200501010011", "childName", "王小明", "school", "高中在读"),
                ApplicationDetails.validate("student-aid", Map.of("childIdNumber", "430102200501010011",
                        "childName", "王小明", "school", "高中在读")));
        assertEquals(Map.of("route", "广州南—娄底南"), ApplicationDetails.validate("train-ticket",
                Map.of("route", "广州南—娄底南")));
        assertEquals(Map.of("occasion", "2016年春节送温暖"), ApplicationDetails.validate("condolence-visit",
                Map.of("occasion", "2016年春节送温暖")));
        assertEquals(Map.of("delivered", "志愿服务队入户走访时发放"), ApplicationDetails.validate("community-aid",
                Map.of("delivered", "志愿服务队入户走访时发放")));
        assertEquals(Map.of("occasion", "2016年春节劳模慰问"), ApplicationDetails.validate("model-worker-condolence",
                Map.of("occasion", "2016年春节劳模慰问")));
        assertEquals(Map.of("period", "2016年度"), ApplicationDetails.validate("model-worker-living-subsidy",
                Map.of("period", "2016年度")));
        assertEquals(Map.of("reason", "因病致困"), ApplicationDetails.validate("model-worker-special-hardship",
                Map.of("reason", "因病致困")));
        assertEquals(Map.of(), ApplicationDetails.validate("student-aid", null));
    }

    @Test
    void unknownKeysWrongTypesAndOversizedValuesAreRefusedNamingTheKey() {
        ProblemException unknown = assertThrows(ProblemException.class,
                () -> ApplicationDetails.validate("train-ticket", Map.of("route", "x", "bankCard", "6222")));
        assertEquals(400, unknown.status());
        assertEquals("details.bankCard", field(unknown));
        assertTrue(unknown.toProblem().errors().get(0).message().contains("route"), "lists the allowed keys");
        // a child is named only for student aid; the masked form is the service's, never a client's
        assertEquals("details.childIdNumber", field(assertThrows(ProblemException.class,
                () -> ApplicationDetails.validate("condolence-visit", Map.of("childIdNumber", "x")))));
        assertEquals("details.childIdNumberMasked", field(assertThrows(ProblemException.class,
                () -> ApplicationDetails.validate("student-aid", Map.of("childIdNumberMasked", "4301**")))));
        assertEquals("details.school", field(assertThrows(ProblemException.class,
                () -> ApplicationDetails.validate("student-aid", Map.of("school", Map.of("nested", "x"))))));
        assertEquals("details.grade", field(assertThrows(ProblemException.class,
                () -> ApplicationDetails.validate("student-aid", Map.of("grade", 3)))));
        assertEquals("details.note", field(assertThrows(ProblemException.class,
                () -> ApplicationDetails.validate("student-aid", Map.of("note", "很".repeat(501))))));
        assertEquals("details.travelDate", field(assertThrows(ProblemException.class,
                () -> ApplicationDetails.validate("train-ticket", Map.of("travelDate", "next week")))));
        assertEquals(Map.of("travelDate", "2027-01-28"),
                ApplicationDetails.validate("train-ticket", Map.of("travelDate", "2027-01-28")));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("route", null);
        assertEquals(Map.of(), ApplicationDetails.validate("train-ticket", withNull));
    }

    /** #29 "Also": quantity counts train tickets; every other grant is one beneficiary (one child) per application. */
    @Test
    void quantityCountsTicketsOnlyAndIsOneForEveryOtherProgram() {
        assertEquals(4, ApplicationDetails.quantity("train-ticket", 4));
        assertEquals(1, ApplicationDetails.quantity("student-aid", null));
        assertEquals(1, ApplicationDetails.quantity("student-aid", 1));
        ProblemException children = assertThrows(ProblemException.class,
                () -> ApplicationDetails.quantity("student-aid", 3));
        assertEquals(400, children.status());
        assertEquals("quantity", field(children));
        assertTrue(children.toProblem().errors().get(0).message().contains("one child per application"));
        assertEquals("quantity", field(assertThrows(ProblemException.class,
                () -> ApplicationDetails.quantity("condolence-visit", 2))));
    }

    @Test
    void idNumberShapedValuesAreMaskedWhereverTheyAppear() {
        assertEquals(Map.of("note", "母亲身份证 4301**********0011，电话 13800138000"),
                ApplicationDetails.validate("student-aid", Map.of("note", "母亲身份证 430102200501010011，电话 13800138000")));
        assertEquals("4301**********001X and 4301*******1011", ApplicationDetails.maskIdNumbers(
                "43010220050101001x and 430102050101011"));
        // a longer number (a bank card) is not an ID number; its digits stay
        assertEquals("6222020200112233445", ApplicationDetails.maskIdNumbers("6222020200112233445"));
        // what was stored before the schema existed is masked when shown, nested or not
        assertEquals(Map.of("old", "4301**********0011", "list", List.of("4301**********0011"), "n", 3),
                ApplicationDetails.masked(Map.of("old", "430102200501010011", "list", List.of("430102200501010011"),
                        "n", 3)));
    }
}
