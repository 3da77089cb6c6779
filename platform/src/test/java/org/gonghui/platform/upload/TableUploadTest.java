package org.gonghui.platform.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.testing.Workbooks;
import org.junit.jupiter.api.Test;

class TableUploadTest {

    static final String ROSTER = "name,idNumber,orgCode,unitName\r\n王小1,430102199001011234,ld.lx,涟源钢铁\r\n";

    @Test
    void excelsChineseCsvIsDetectedAsGb18030() {
        byte[] gbk = ROSTER.getBytes(Charset.forName("GBK"));
        assertEquals(ROSTER, TableUpload.csvText("text/csv", gbk));
        assertEquals(ROSTER, TableUpload.csvText(null, ROSTER.getBytes(Charset.forName("GB18030"))));
    }

    @Test
    void aDeclaredCharsetIsHonoured() {
        byte[] gbk = ROSTER.getBytes(Charset.forName("GBK"));
        assertEquals(ROSTER, TableUpload.csvText("text/csv; charset=GBK", gbk));
        assertEquals(ROSTER, TableUpload.csvText("text/csv;charset=\"gb18030\"", gbk));
    }

    @Test
    void csvUtf8WithExcelsBomLosesTheBom() {
        byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
        byte[] body = concat(bom, ROSTER.getBytes(StandardCharsets.UTF_8));
        assertEquals(ROSTER, TableUpload.csvText("text/csv", body));
        assertEquals(ROSTER, TableUpload.csvText("text/csv; charset=utf-8", body));
        assertEquals(ROSTER, TableUpload.csvText("text/csv", ROSTER.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void utf16WithBomAsUnicodeTextSaves() {
        assertEquals(ROSTER, TableUpload.csvText("text/csv", ROSTER.getBytes(StandardCharsets.UTF_16)));
    }

    @Test
    void bytesThatDecodeInNoCharsetAreRefusedWithTheirLine() {
        byte[] body = concat("name,idNumber\nok,1\n".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xFF, 'x', '\n' });
        ProblemException e = assertThrows(ProblemException.class, () -> TableUpload.csvText("text/csv", body));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("line 3:"), e.getMessage());
        assertEquals(3, e.toProblem().extensions().get("line"));
    }

    @Test
    void aDeclaredCharsetThatDoesNotFitIsRefusedNotReplaced() {
        byte[] gbk = ROSTER.getBytes(Charset.forName("GBK"));
        ProblemException e = assertThrows(ProblemException.class,
                () -> TableUpload.csvText("text/csv; charset=UTF-8", gbk));
        assertTrue(e.getMessage().startsWith("line 2:"), e.getMessage());
        ProblemException unknown = assertThrows(ProblemException.class,
                () -> TableUpload.csvText("text/csv; charset=klingon", gbk));
        assertEquals("/problems/unsupported-charset", unknown.toProblem().type());
    }

    @Test
    void controlCharactersAndDirectionOverridesAreRefusedWithTheirLine() {
        for (String bad : new String[] { "\u0000", "\u0007", "\u202E", "\u2066" }) {
            String csv = "name,idNumber\nok,1\nba" + bad + "d,2\n";
            ProblemException e = assertThrows(ProblemException.class,
                    () -> TableUpload.csvText("text/csv", csv.getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().startsWith("line 3:"), e.getMessage());
        }
        assertEquals("a\tb\r\n", TableUpload.csvText("text/csv", "a\tb\r\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertThrows(ProblemException.class, () -> TableUpload.csvText("text/csv", new byte[0]));
    }

    @Test
    void theFirstSheetOfAWorkbookIsReadRowByRowWithQuotingAndGaps() {
        // row 3 left empty, as a clerk's spacer line; row 4 has gaps and a fifth column
        byte[] xlsx = Workbooks.xlsx(new String[] { "name", "idNumber", "orgCode", "unitName" },
                new String[] { "王小1", "430102199001011234", "ld.lx", "涟源钢铁, 二厂" }, null,
                new String[] { "李\"四\"", null, "ld.ly", null, "12" });
        String csv = TableUpload.csvText(TableUpload.XLSX, xlsx);
        assertEquals("name,idNumber,orgCode,unitName\n"
                + "王小1,430102199001011234,ld.lx,\"涟源钢铁, 二厂\"\n"
                + "\n"
                + "\"李\"\"四\"\"\",,ld.ly,,12\n", csv);
    }

    @Test
    void somethingElseNamedXlsxIsRefused() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> TableUpload.csvText(TableUpload.XLSX, "name,id\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("/problems/malformed-xlsx", e.toProblem().type());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
