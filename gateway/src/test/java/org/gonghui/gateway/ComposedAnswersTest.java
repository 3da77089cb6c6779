package org.gonghui.gateway;

import static io.restassured.RestAssured.given;
import static org.gonghui.gateway.Gateway.adminToken;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.gonghui.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
class ComposedAnswersTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

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
    void annualReportAsXlsxHasASummaryAndASheetPerSectionWithBilingualHeadingsAndNumericCells() throws Exception {
        ZonedDateTime before = ZonedDateTime.now(SHANGHAI).minusSeconds(1);
        ExtractableResponse<Response> answer = given().auth().oauth2(TestTokens.token("auditor", "ld", "auditor"))
                .accept(XLSX).get("/api/v1/reports/annual/2015").then().statusCode(200).contentType(XLSX)
                .header("Content-Disposition", equalTo("attachment; filename=\"gonghui-annual-2015-ld.xlsx\""))
                .extract();
        ZonedDateTime after = ZonedDateTime.now(SHANGHAI).plusSeconds(1);
        DataFormatter shown = new DataFormatter(Locale.ROOT);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(answer.asByteArray()))) {
            List<String> sheets = new ArrayList<>();
            workbook.forEach(sheet -> sheets.add(sheet.getSheetName()));
            assertEquals(List.of("概况 Summary", "表彰 Honors", "帮扶 Welfare", "志愿服务 Volunteer"), sheets);
            for (Sheet sheet : workbook) {
                PaneInformation pane = sheet.getPaneInformation();
                assertTrue(pane != null && pane.isFreezePane() && pane.getHorizontalSplitPosition() == 1
                        && pane.getVerticalSplitPosition() == 0, sheet.getSheetName() + ": header row frozen");
                assertTrue(sheet.getColumnWidth(0) >= 20 * 256, sheet.getSheetName() + ": labels column sized");
            }

            Sheet summary = workbook.getSheet("概况 Summary");
            assertEquals(List.of("项目 Item", "内容 Value"), texts(summary.getRow(0)));
            assertEquals("年度 Year", summary.getRow(1).getCell(0).getStringCellValue());
            assertEquals(2015.0, summary.getRow(1).getCell(1).getNumericCellValue());
            assertEquals("ld 娄底市总工会", summary.getRow(2).getCell(1).getStringCellValue());
            Cell generated = summary.getRow(3).getCell(1);
            assertEquals("yyyy-mm-dd hh:mm:ss", generated.getCellStyle().getDataFormatString());
            LocalDateTime at = generated.getLocalDateTimeCellValue();
            assertTrue(!at.isBefore(before.toLocalDateTime()) && !at.isAfter(after.toLocalDateTime()),
                    "made now, in Asia/Shanghai time: " + at);
            assertTrue(summary.getRow(4).getCell(1).getStringCellValue().startsWith("是"), "partial");
            assertEquals(List.of("志愿服务 Volunteer", "未应答 no answer"), texts(summary.getRow(7)));
            assertEquals(List.of("表彰 Honors", "已应答 answered"), texts(summary.getRow(5)));

            Sheet honors = workbook.getSheet("表彰 Honors");
            assertEquals(List.of("奖项 Award", "授予称号 Titles conferred", "字段 Field"), texts(honors.getRow(0)));
            assertEquals("娄底工匠 Loudi Craftsman", honors.getRow(1).getCell(0).getStringCellValue());
            assertEquals(60.0, honors.getRow(1).getCell(1).getNumericCellValue());
            assertEquals("#,##0", honors.getRow(1).getCell(1).getCellStyle().getDataFormatString());
            assertEquals("honors.byAward.loudi-craftsman", honors.getRow(1).getCell(2).getStringCellValue());
            assertEquals("五一标兵 May Day Model", honors.getRow(2).getCell(0).getStringCellValue());
            assertEquals("new-award", honors.getRow(3).getCell(0).getStringCellValue(), "not in the catalog: its code");
            assertEquals(List.of("合计 Total", "130"), List.of(honors.getRow(4).getCell(0).getStringCellValue(),
                    shown.formatCellValue(honors.getRow(4).getCell(1))));

            Sheet welfare = workbook.getSheet("帮扶 Welfare");
            assertEquals(List.of("项目 Figure", "数值 Value", "单位 Unit", "字段 Field"), texts(welfare.getRow(0)));
            Map<String, Row> rows = byField(welfare, 3);
            Row condolence = rows.get("welfare.condolenceFen");
            assertEquals("送温暖慰问金 Condolence visits: amount", condolence.getCell(0).getStringCellValue());
            assertEquals(CellType.NUMERIC, condolence.getCell(1).getCellType());
            assertEquals(1_370_000.05, condolence.getCell(1).getNumericCellValue(), 0.0);
            assertEquals("#,##0.00", condolence.getCell(1).getCellStyle().getDataFormatString());
            assertEquals("1,370,000.05", shown.formatCellValue(condolence.getCell(1)));
            assertEquals("元 yuan", condolence.getCell(2).getStringCellValue());
            assertEquals("160,000.99", shown.formatCellValue(rows.get("welfare.communityAidFen").getCell(1)));
            assertEquals("6,196,000.00", shown.formatCellValue(rows.get("welfare.studentAid.amountFen").getCell(1)));
            Row children = rows.get("welfare.studentAid.children");
            assertEquals("金秋助学 受助子女 Student aid: children", children.getCell(0).getStringCellValue());
            assertEquals(2541.0, children.getCell(1).getNumericCellValue());
            assertEquals("#,##0", children.getCell(1).getCellStyle().getDataFormatString());
            assertEquals("人 people", children.getCell(2).getStringCellValue());
            assertEquals("336", shown.formatCellValue(rows.get("welfare.modelWorkerCondolence.provincial").getCell(1)));
            assertEquals("12.34", shown.formatCellValue(rows.get("welfare.newFigureFen").getCell(1)),
                    "a figure the gateway does not know yet is still shown, in yuan by its name");
            assertTrue(!rows.containsKey("welfare.trainTickets"), "a figure the service did not give has no row");
            assertEquals(13, rows.size(), "one row per figure given, 13: " + rows.keySet());

            Sheet volunteer = workbook.getSheet("志愿服务 Volunteer");
            assertEquals(List.of("项目 Figure", "数值 Value", "单位 Unit", "字段 Field"), texts(volunteer.getRow(0)));
            assertTrue(volunteer.getRow(1).getCell(0).getStringCellValue().contains("did not answer"));
            assertEquals(1, volunteer.getLastRowNum());
        }
    }

    @Test
    void theFormatParameterOverridesAcceptAndAnUnknownOneIsAProblem() {
        String token = TestTokens.token("lx-clerk", "ld.lx", "staff");
        byte[] xlsx = given().auth().oauth2(token).get("/api/v1/reports/annual/2015?format=xlsx").then()
                .statusCode(200).contentType(XLSX)
                .header("Content-Disposition", equalTo("attachment; filename=\"gonghui-annual-2015-ld.lx.xlsx\""))
                .extract().asByteArray();
        assertEquals("PK", new String(xlsx, 0, 2, java.nio.charset.StandardCharsets.US_ASCII));
        given().auth().oauth2(token).accept(XLSX).get("/api/v1/reports/annual/2015?format=json").then()
                .statusCode(200).contentType(ContentType.JSON).body("orgCode", equalTo("ld.lx"))
                .body("welfare.condolenceFen", equalTo(137_000_005));
        given().auth().oauth2(token).accept("text/html,application/xhtml+xml,*/*;q=0.8")
                .get("/api/v1/reports/annual/2015").then().statusCode(200).contentType(ContentType.JSON);
        given().auth().oauth2(token).get("/api/v1/reports/annual/2015?format=pdf").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("format"));
    }

    /**
     * The report waits for a slow service up to its own timeout (6 s here), longer than the slow-body guard's 5 s: a
     * GET has no body, so the guard must not cut it off with 408 (it did while the report was still working).
     */
    @Test
    void aReportWaitingForASlowServiceIsAnsweredPartialNotCutOff() {
        given().auth().oauth2(TestTokens.token("auditor", "ld", "auditor")).get("/api/v1/reports/annual/2014")
                .then().statusCode(200).body("honors", org.hamcrest.Matchers.nullValue())
                .body("welfare", org.hamcrest.Matchers.nullValue()).body("partial", equalTo(true));
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(cell.getStringCellValue()));
        return texts;
    }

    /** Rows of a section sheet by the report field named in the given column. */
    private static Map<String, Row> byField(Sheet sheet, int column) {
        Map<String, Row> rows = new HashMap<>();
        for (Row row : sheet) {
            Cell field = row.getCell(column);
            if (row.getRowNum() > 0 && field != null) {
                assertNull(rows.put(field.getStringCellValue(), row), "one row per field");
            }
        }
        return rows;
    }
}
