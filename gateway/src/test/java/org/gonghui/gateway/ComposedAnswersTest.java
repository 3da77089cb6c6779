package org.gonghui.gateway;

import static io.restassured.RestAssured.given;
import static org.gonghui.gateway.Gateway.adminToken;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ComposedAnswersTest {

    @Test
    void mergesTheGatewayAndEveryServiceNewestFirstWithTheCallersToken() {
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("code", "ld.sf.audit", "name", "审计测试")).post("/api/v1/orgs").then().statusCode(201);

        JsonPath page = given().auth().oauth2(TestTokens.token("checker", "ld", "auditor"))
                .get("/api/v1/audit?size=200").then().statusCode(200)
                .body("items.service", hasItems("gateway", "honors", "welfare"))
                .body("items.action", hasItem("org.created"))
                .body("partial", equalTo(true)).body("unavailable", equalTo(List.of("volunteer")))
                .body("items.findAll { it.service == 'honors' }.detail", hasItem("bearer"))
                .extract().jsonPath();
        List<String> times = page.getList("items.at");
        for (int i = 1; i < times.size(); i++) {
            assertTrue(!OffsetDateTime.parse(times.get(i)).isAfter(OffsetDateTime.parse(times.get(i - 1))),
                    "newest first: " + times);
        }

        given().auth().oauth2(TestTokens.token("checker", "ld", "auditor"))
                .get("/api/v1/audit?service=honors&actor=x").then().statusCode(200)
                .body("items.service", everyItem(equalTo("honors"))).body("partial", equalTo(false))
                .body("items.detail", hasItem("page=0&size=20&actor=x"));
        given().auth().oauth2(TestTokens.token("checker", "ld", "auditor")).get("/api/v1/audit?service=bank")
                .then().statusCode(400);
        given().auth().oauth2(TestTokens.token("clerk", "ld", "staff")).get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    void annualReportGathersEachServicesStatsWithTheCallersTokenAndMarksMissingOnes() {
        String token = TestTokens.token("lsj-clerk", "ld.lsj", "staff");
        given().auth().oauth2(token).get("/api/v1/reports/annual/2016").then().statusCode(200)
                .body("year", equalTo(2016)).body("orgCode", equalTo("ld.lsj"))
                .body("honors.service", equalTo("honors")).body("honors.rawPath", equalTo("/api/v1/honors/stats"))
                .body("honors.rawQuery", equalTo("year=2016"))
                .body("honors.headers.authorization", equalTo("Bearer " + token))
                .body("welfare.rawPath", equalTo("/api/v1/welfare/stats"))
                .body("volunteer", org.hamcrest.Matchers.nullValue()).body("partial", equalTo(true));
        given().auth().oauth2(TestTokens.token("vol", "ld.lsj", "volunteer")).get("/api/v1/reports/annual/2016")
                .then().statusCode(403);
        given().auth().oauth2(token).get("/api/v1/reports/annual/12").then().statusCode(400);
    }

    @Test
    void annualReportAsXlsxHasARowPerFigure() throws Exception {
        String token = TestTokens.token("auditor", "ld", "auditor");
        byte[] xlsx = given().auth().oauth2(token)
                .accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .get("/api/v1/reports/annual/2016").then().statusCode(200)
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .extract().asByteArray();
        java.util.Map<String, String> rows = new java.util.HashMap<>();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var formatter = new org.apache.poi.ss.usermodel.DataFormatter();
            workbook.getSheetAt(0).forEach(row -> rows.put(row.getCell(0).getStringCellValue(),
                    formatter.formatCellValue(row.getCell(1))));
        }
        org.junit.jupiter.api.Assertions.assertEquals("2016", rows.get("year"));
        org.junit.jupiter.api.Assertions.assertEquals("ld", rows.get("orgCode"));
        org.junit.jupiter.api.Assertions.assertEquals("honors", rows.get("honors / service"));
        org.junit.jupiter.api.Assertions.assertEquals("year=2016", rows.get("welfare / rawQuery"));
        org.junit.jupiter.api.Assertions.assertEquals("unavailable", rows.get("volunteer"));
        org.junit.jupiter.api.Assertions.assertEquals("true", rows.get("partial"));
    }
}
