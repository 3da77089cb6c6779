package org.gonghui.platform.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.gonghui.platform.errors.Problem;
import org.gonghui.platform.errors.ProblemException;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * The text of an uploaded table, as CSV, whatever form a clerk's roster arrives in:
 * <ul>
 * <li>CSV in the charset the request declares ({@code text/csv; charset=GBK}), decoded strictly;</li>
 * <li>CSV with no declared charset: UTF-8 (with or without Excel's BOM), else GB18030 (what Excel on a Chinese
 * Windows writes, a superset of GBK), else UTF-16 when it starts with its BOM;</li>
 * <li>an xlsx workbook ({@value #XLSX}): its first sheet, one CSV line per sheet row, so line numbers are row
 * numbers.</li>
 * </ul>
 * Bytes that do not decode are refused with the line they are on, never stored as U+FFFD; so are NUL and the other
 * control characters a roster cannot hold (tab aside), with their line.
 */
public final class TableUpload {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String CSV = "text/csv";
    static final Charset GB18030 = Charset.forName("GB18030");
    private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    private TableUpload() {
    }

    /** True for the media types {@link #csvText} reads (the parameters aside). */
    public static boolean isTable(String contentType) {
        String type = mediaType(contentType);
        return type.equals(CSV) || type.equals(XLSX);
    }

    /** The upload as CSV text (no BOM). {@code contentType} is the request's Content-Type header, or null. */
    public static String csvText(String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("empty-import", "The import body is empty");
        }
        String text = mediaType(contentType).equals(XLSX) ? xlsxAsCsv(body) : decode(declaredCharset(contentType), body);
        refuseControlCharacters(text);
        return text;
    }

    static String decode(Charset declared, byte[] body) {
        if (declared != null) {
            String text = strictlyOrRefused(declared, body, 0);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
        if (startsWith(body, UTF8_BOM)) {
            return strictlyOrRefused(StandardCharsets.UTF_8, body, UTF8_BOM.length);
        }
        if (body.length >= 2 && ((body[0] == (byte) 0xFF && body[1] == (byte) 0xFE)
                || (body[0] == (byte) 0xFE && body[1] == (byte) 0xFF))) {
            return strictlyOrRefused(StandardCharsets.UTF_16, body, 0);
        }
        String utf8 = strictly(StandardCharsets.UTF_8, body, 0);
        if (utf8 != null) {
            return utf8;
        }
        String gb = strictly(GB18030, body, 0);
        if (gb != null) {
            return gb;
        }
        // neither: name the line by the UTF-8 reading, the encoding a clerk is asked to use
        throw undecodable(StandardCharsets.UTF_8, body, 0);
    }

    /** The text in a charset the upload is known to be in (declared, or by its BOM); 400 naming the line if not. */
    private static String strictlyOrRefused(Charset charset, byte[] body, int offset) {
        String text = strictly(charset, body, offset);
        if (text == null) {
            throw undecodable(charset, body, offset);
        }
        return text;
    }

    /** The text, or null when the bytes are not valid in that charset. */
    private static String strictly(Charset charset, byte[] body, int offset) {
        try {
            return decoder(charset).decode(ByteBuffer.wrap(body, offset, body.length - offset)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static CharsetDecoder decoder(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static ProblemException undecodable(Charset charset, byte[] body, int offset) {
        int line = lineOfFirstUndecodable(charset, body, offset);
        String message = "line " + line + ": bytes that are not valid " + charset.name()
                + " text; save the file as CSV (UTF-8 or GB18030) or as xlsx, or declare its charset";
        return new ProblemException(400, "undecodable-text", "Bad Request", message,
                List.of(new Problem.FieldError("line " + line, "not valid " + charset.name() + " text")),
                Map.of("line", line));
    }

    /** 1-based line of the first byte sequence the charset cannot decode (lines end at '\n'). */
    static int lineOfFirstUndecodable(Charset charset, byte[] body, int offset) {
        CharsetDecoder decoder = decoder(charset);
        ByteBuffer in = ByteBuffer.wrap(body, offset, body.length - offset);
        CharBuffer out = CharBuffer.allocate(8192);
        int line = 1;
        while (true) {
            var result = decoder.decode(in, out, true);
            out.flip();
            while (out.hasRemaining()) {
                if (out.get() == '\n') {
                    line++;
                }
            }
            out.clear();
            if (result.isError() || result.isUnderflow()) {
                return line;
            }
        }
    }

    private static void refuseControlCharacters(String text) {
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F || (c >= 0x202A && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069)) {
                String code = String.format("U+%04X", (int) c);
                throw new ProblemException(400, "control-character", "Bad Request",
                        "line " + line + ": the control character " + code + " cannot be imported",
                        List.of(new Problem.FieldError("line " + line, "contains " + code)),
                        Map.of("line", line));
            }
        }
    }

    static Charset declaredCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String p = parameter.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw ProblemException.badRequest("unsupported-charset",
                            "The declared charset " + name + " is not known; use UTF-8 or GB18030");
                }
            }
        }
        return null;
    }

    static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] body, byte[] prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ xlsx

    /**
     * The first sheet as CSV, read with POI's streaming (SAX) reader so a large roster is never a whole object
     * model in the heap. Cells are their formatted text (what the clerk sees: dates and numbers as displayed);
     * a row's missing cells are empty fields; empty rows keep their line so numbering follows the sheet.
     */
    static String xlsxAsCsv(byte[] body) {
        try (InputStream in = new ByteArrayInputStream(body); OPCPackage pkg = OPCPackage.open(in)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw ProblemException.badRequest("empty-import", "The workbook has no sheet");
            }
            CsvRows rows = new CsvRows();
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows,
                        new org.apache.poi.ss.usermodel.DataFormatter(Locale.ROOT), false));
                parser.parse(new InputSource(sheet));
            }
            return rows.text();
        } catch (ProblemException e) {
            throw e;
        } catch (IOException | RuntimeException | org.xml.sax.SAXException
                | javax.xml.parsers.ParserConfigurationException
                | org.apache.poi.openxml4j.exceptions.OpenXML4JException e) {
            throw ProblemException.badRequest("malformed-xlsx",
                    "The workbook cannot be read; save it again as an Excel workbook (.xlsx) or as CSV");
        }
    }

    /** Collects sheet rows as CSV lines (RFC 4180 quoting), padding skipped rows and cells. */
    private static final class CsvRows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final StringBuilder csv = new StringBuilder();
        private final List<String> cells = new ArrayList<>();
        private int nextRow;

        @Override
        public void startRow(int rowNum) {
            while (nextRow < rowNum) {
                csv.append('\n');
                nextRow++;
            }
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                csv.append(quoted(cells.get(i) == null ? "" : cells.get(i)));
            }
            csv.append('\n');
            nextRow = rowNum + 1;
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(formattedValue);
        }

        @Override
        public void headerFooter(String text, boolean isHeader, String tagName) {
        }

        String text() {
            return csv.toString();
        }

        private static String quoted(String value) {
            if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
                    && value.indexOf('\r') < 0) {
                return value;
            }
            return '"' + value.replace("\"", "\"\"") + '"';
        }
    }

}
