package org.gonghui.welfare;

import static io.restassured.RestAssured.given;
import static io.restassured.config.EncoderConfig.encoderConfig;
import static org.gonghui.welfare.Fixtures.STAFF;
import static org.gonghui.welfare.Fixtures.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
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
import io.restassured.response.Response;

/**
 * Issue 29.9: rosters as Excel on a Chinese Windows saves them. Before, a GB18030 file was stored as U+FFFD names
 * with 200, and a UTF-8 file with a BOM lost its header to the BOM (a data row refused as "idNumber must be 18
 * characters").
 */
@QuarkusTest
class EnrolmentUploadFormatsTest {

    /** Sends the body's bytes with the Content-Type as given (REST Assured would add charset=ISO-8859-1 to text/csv). */
    private static RequestSpecification sent() {
        return given().config(RestAssured.config().encoderConfig(
                encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    private static Response upload(String contentType, int year, byte[] body) {
        return sent().auth().oauth2(STAFF).contentType(contentType).body(body)
                .post("/api/v1/welfare/enrolments/import?programCode=medical-mutual-aid&year=" + year);
    }

    private static String roster(String a, String b) {
        return "name,idNumber,orgCode,unitName\r\n王小1," + a + ",ld.lsj,冷水江钢铁\r\n李娜," + b + ",ld.lsj,\r\n";
    }

    private static void namesStored(int year) {
        as(STAFF).get("/api/v1/welfare/enrolments?programCode=medical-mutual-aid&year=" + year).then()
                .statusCode(200).body("total", equalTo(2)).body("items.name", containsInAnyOrder("王小1", "李娜"))
                .body("items.unitName", containsInAnyOrder("冷水江钢铁", null));
    }

    @Test
    void gb18030CsvWithoutADeclaredCharsetIsReadAsChinese() {
        byte[] gbk = roster(Fixtures.idNumber(), Fixtures.idNumber()).getBytes(Charset.forName("GBK"));
        upload("text/csv", 2041, gbk).then().statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(0));
        namesStored(2041);
    }

    @Test
    void aDeclaredGbkCharsetIsHonoured() {
        byte[] gbk = roster(Fixtures.idNumber(), Fixtures.idNumber()).getBytes(Charset.forName("GBK"));
        upload("text/csv; charset=GBK", 2042, gbk).then().statusCode(200).body("accepted", equalTo(2));
        namesStored(2042);
    }

    @Test
    void utf8WithExcelsBomKeepsItsHeader() {
        byte[] text = roster(Fixtures.idNumber(), Fixtures.idNumber()).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[text.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(text, 0, body, 3, text.length);
        upload("text/csv", 2043, body).then().statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(0));
        namesStored(2043);
    }

    @Test
    void anXlsxWorkbookIsImportedFromItsFirstSheet() {
        byte[] xlsx = Workbooks.xlsx(new String[] { "name", "idNumber", "orgCode", "unitName" },
                new String[] { "王小1", Fixtures.idNumber(), "ld.lsj", "冷水江钢铁" },
                new String[] { "李娜", Fixtures.idNumber(), "ld.lsj" }, new String[] { "坏号码", "123", "ld.lsj" });
        upload(TableUpload.XLSX, 2044, xlsx).then().statusCode(200).body("accepted", equalTo(2))
                .body("rejected", equalTo(1)).body("errors[0].line", equalTo(4));
        namesStored(2044);
    }

    @Test
    void bytesThatAreNeitherUtf8NorGb18030AreRefusedWithTheirLineAndNothingIsStored() {
        byte[] text = roster(Fixtures.idNumber(), Fixtures.idNumber()).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[text.length + 4];
        System.arraycopy(text, 0, body, 0, text.length);
        body[text.length] = (byte) 0xFF;
        body[text.length + 1] = 'x';
        body[text.length + 2] = ',';
        body[text.length + 3] = '\n';
        upload("text/csv", 2045, body).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/undecodable-text")).body("detail", startsWith("line 4:"));
        // a file declared UTF-8 that is GBK is refused too, not stored as replacement characters
        byte[] gbk = roster(Fixtures.idNumber(), Fixtures.idNumber()).getBytes(Charset.forName("GBK"));
        upload("text/csv; charset=UTF-8", 2045, gbk).then().statusCode(400).body("detail", startsWith("line 2:"));
        as(STAFF).get("/api/v1/welfare/enrolments?programCode=medical-mutual-aid&year=2045").then()
                .statusCode(200).body("total", equalTo(0));
    }
}
