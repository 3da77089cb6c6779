package org.gonghui.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.gonghui.platform.person.ResidentIdNumbers;
import org.gonghui.platform.testing.Workbooks;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 29.9 through the gateway: rosters as Excel writes them (GB18030 CSV, CSV UTF-8 with BOM, xlsx) are enrolled
 * with their Chinese names intact; bytes that decode in no charset are refused with their line, nothing stored.
 */
class ExcelImportsIT {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void excelsRostersEnrolWithTheirNamesAndUndecodableFilesAreRefused() throws Exception {
        String staff = RunningSuite.tokenFor("excel-clerk", "ld.lsj", "staff");
        int year = 2100 + ThreadLocalRandom.current().nextInt(90);

        byte[] gbk = roster("王小一", "李小二").getBytes(Charset.forName("GB18030"));
        assertAccepted(upload(staff, "text/csv", year, gbk), 2);

        byte[] utf8 = roster("赵小三", "钱小四").getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        assertAccepted(upload(staff, "text/csv", year, bom), 2);

        assertAccepted(upload(staff, XLSX, year, workbook("孙小五", "周小六")), 2);

        byte[] broken = (roster("吴小七", "郑小八") + "x,").getBytes(StandardCharsets.UTF_8);
        broken[broken.length - 1] = (byte) 0xFF;
        HttpResponse<String> refused = upload(staff, "text/csv", year, broken);
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("/problems/undecodable-text", JSON.readTree(refused.body()).path("type").asText());
        assertTrue(JSON.readTree(refused.body()).path("detail").asText().startsWith("line 4:"), refused.body());

        JsonNode list = JSON.readTree(RunningSuite.as(staff)
                .get("/api/v1/welfare/enrolments?programCode=medical-mutual-aid&size=50&year=" + year).asString());
        List<String> names = JSON.convertValue(list.path("items").findValues("name"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertEquals(6, list.path("total").asInt(), list.toString());
        assertTrue(names.containsAll(List.of("王小一", "李小二", "赵小三", "钱小四", "孙小五", "周小六")), names.toString());
    }

    private static void assertAccepted(HttpResponse<String> answer, int accepted) throws IOException {
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode body = JSON.readTree(answer.body());
        assertEquals(accepted, body.path("accepted").asInt(), answer.body());
        assertEquals(0, body.path("rejected").asInt(), answer.body());
    }

    private static HttpResponse<String> upload(String token, String contentType, int year, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RunningSuite.GATEWAY
                + "/api/v1/welfare/enrolments/import?programCode=medical-mutual-aid&year=" + year))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String roster(String first, String second) {
        return "name,idNumber,orgCode,unitName\r\n" + first + "," + idNumber() + ",ld.lsj,冷水江钢铁\r\n" + second + ","
                + idNumber() + ",ld.lsj,\r\n";
    }

    private static byte[] workbook(String first, String second) {
        return Workbooks.xlsx(new String[] { "name", "idNumber", "orgCode", "unitName" },
                new String[] { first, idNumber(), "ld.lsj", "冷水江钢铁" }, new String[] { second, idNumber(), "ld.lsj" });
    }

    private static String idNumber() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String first17 = String.format("431381%04d%02d%02d%03d", 1960 + r.nextInt(40), 1 + r.nextInt(12),
                1 + r.nextInt(28), r.nextInt(1000));
        return first17 + ResidentIdNumbers.checkCharFor(first17);
    }
}
