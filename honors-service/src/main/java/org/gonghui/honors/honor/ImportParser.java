package org.gonghui.honors.honor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.gonghui.honors.honor.ImportDtos.ImportRow;
import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.upload.TableUpload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Reads an import body into rows. CSV (any charset Excel writes, see {@link TableUpload}) or an xlsx workbook needs a header line naming the columns (awardCode, year, name, idNumber,
 * unitName, orgCode; idNumber may be absent); its rows are numbered by file line, the header being line 1. A JSON
 * array's elements are numbered from 1.
 */
@ApplicationScoped
public class ImportParser {

    public static final int MAX_ROWS = 50_000;
    static final Set<String> REQUIRED_COLUMNS = Set.of("awardCode", "year", "name", "unitName", "orgCode");

    private final ObjectMapper json;
    private final CsvMapper csv = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    @Inject
    public ImportParser(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The import's text as the idempotency check compares it: CSV decoded from its charset (or an xlsx sheet as
     * CSV), JSON as sent.
     */
    public String text(String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("empty-import", "The import body is empty");
        }
        return TableUpload.isTable(contentType) ? TableUpload.csvText(contentType, body)
                : new String(body, StandardCharsets.UTF_8);
    }

    /** Rows of {@link #text}: CSV when the upload is a table, else a JSON array. */
    public List<ImportRow> parse(String contentType, byte[] body, String text) {
        if (text.isBlank()) {
            throw ProblemException.badRequest("empty-import", "The import body is empty");
        }
        return TableUpload.isTable(contentType) ? parseCsv(text) : parseJson(body);
    }

    private List<ImportRow> parseCsv(String text) {
        List<ImportRow> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            CsvSchema header = null;
            while (it.hasNextValue()) {
                Map<String, String> r = it.nextValue();
                if (header == null) {
                    header = (CsvSchema) it.getParserSchema();
                    for (String column : REQUIRED_COLUMNS) {
                        if (header.column(column) == null) {
                            throw ProblemException.badRequest("import-header",
                                    "The CSV header must name the columns " + REQUIRED_COLUMNS + "; missing " + column);
                        }
                    }
                }
                requireSize(rows);
                rows.add(new ImportRow(rows.size() + 2, r.get("awardCode"), r.get("year"), r.get("name"),
                        r.get("idNumber"), r.get("unitName"), r.get("orgCode")));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw ProblemException.badRequest("malformed-csv", "The CSV body cannot be read: " + rootMessage(e));
        }
        return rows;
    }

    private List<ImportRow> parseJson(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw ProblemException.badRequest("malformed-json", "The request body is not valid JSON");
        }
        if (root == null || !root.isArray()) {
            throw ProblemException.badRequest("import-not-array", "A JSON import is an array of honor objects");
        }
        List<ImportRow> rows = new ArrayList<>();
        int line = 0;
        for (JsonNode item : root) {
            line++;
            requireSize(rows);
            if (!item.isObject()) {
                rows.add(new ImportRow(line, null, null, null, null, null, null));
                continue;
            }
            rows.add(new ImportRow(line, text(item, "awardCode"), text(item, "year"), text(item, "name"),
                    text(item, "idNumber"), text(item, "unitName"), text(item, "orgCode")));
        }
        return rows;
    }

    private static void requireSize(List<ImportRow> rows) {
        if (rows.size() >= MAX_ROWS) {
            throw new ProblemException(413, "import-too-large", "Payload Too Large",
                    "At most " + MAX_ROWS + " rows per import; split the file");
        }
    }

    private static String text(JsonNode item, String field) {
        JsonNode v = item.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
