package org.gonghui.honors;

import static io.restassured.RestAssured.given;
import static io.restassured.config.EncoderConfig.encoderConfig;
import static org.gonghui.honors.Fixtures.ADMIN_LSJ;
import static org.gonghui.honors.Fixtures.newIdNumber;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.gonghui.platform.testing.Workbooks;
import org.gonghui.platform.upload.TableUpload;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Issue 29.9: historical honor rolls as Excel writes them (GB18030 CSV, xlsx), never stored as U+FFFD. */
@QuarkusTest
class HonorImportFormatsTest {

    /** Sends the body's bytes with the Content-Type as given (REST Assured would add charset=ISO-8859-1 to text/csv). */
    private static RequestSpecification sent() {
        return given().config(RestAssured.config().encoderConfig(
                encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    static final String HEADER = "awardCode,year,name,idNumber,unitName,orgCode";

    @Test
    void aGb18030CsvIsStoredInChinese() {
        String csv = HEADER + "\r\nmodel-worker-provincial,1981,贺国强," + newIdNumber() + ",冷水江锑矿,ld.lsj\r\n";
        sent().auth().oauth2(ADMIN_LSJ).contentType("text/csv").body(csv.getBytes(Charset.forName("GB18030")))
                .post("/api/v1/honors/honors/import").then().statusCode(200).body("accepted", equalTo(1));
        sent().auth().oauth2(ADMIN_LSJ).get("/api/v1/honors/honors?award=model-worker-provincial&year=1981").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].name", equalTo("贺国强"))
                .body("items[0].unitName", equalTo("冷水江锑矿"));
    }

    @Test
    void anXlsxRollIsImportedWithSheetRowsAsLines() {
        byte[] xlsx = Workbooks.xlsx(HEADER.split(","),
                new String[] { "model-worker-municipal", "1982", "曾宪梓", newIdNumber(), "冷水江钢铁", "ld.lsj" },
                new String[] { "no-such-award", "1982", "某某", "", "某单位", "ld.lsj" });
        sent().auth().oauth2(ADMIN_LSJ).contentType(TableUpload.XLSX).body(xlsx).post("/api/v1/honors/honors/import")
                .then().statusCode(200).body("accepted", equalTo(1)).body("rejected", equalTo(1))
                .body("errors[0].line", equalTo(3));
        sent().auth().oauth2(ADMIN_LSJ).get("/api/v1/honors/honors?award=model-worker-municipal&year=1982").then()
                .statusCode(200).body("items[0].name", equalTo("曾宪梓"));
    }

    @Test
    void undecodableBytesAndControlCharactersAreRefusedWithTheirLine() {
        String csv = HEADER + "\nmodel-worker-provincial,1983,王五,,单位,ld.lsj\n";
        byte[] gbk = csv.getBytes(Charset.forName("GBK"));
        sent().auth().oauth2(ADMIN_LSJ).contentType("text/csv; charset=utf-8").body(gbk)
                .post("/api/v1/honors/honors/import").then().statusCode(400)
                .body("type", equalTo("/problems/undecodable-text")).body("detail", startsWith("line 2:"));
        String nul = HEADER + "\nmodel-worker-provincial,1983,王\u0000五,,单位,ld.lsj\n";
        sent().auth().oauth2(ADMIN_LSJ).contentType("text/csv").body(nul.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/honors/honors/import").then().statusCode(400)
                .body("type", equalTo("/problems/control-character")).body("detail", startsWith("line 2:"));
        sent().auth().oauth2(ADMIN_LSJ).get("/api/v1/honors/honors?award=model-worker-provincial&year=1983").then()
                .statusCode(200).body("total", equalTo(0));
    }
}
