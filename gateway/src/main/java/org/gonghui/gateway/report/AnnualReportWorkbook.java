package org.gonghui.gateway.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import com.fasterxml.jackson.databind.JsonNode;

/** The annual report as one sheet: a row per figure ({@code welfare / studentAid / amountFen}, value). */
final class AnnualReportWorkbook {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private AnnualReportWorkbook() {
    }

    static byte[] write(AnnualReportResource.AnnualReport report) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("annual " + report.year());
            int[] row = { 0 };
            add(sheet, row, "year", null, report.year());
            add(sheet, row, "orgCode", report.orgCode(), 0);
            add(sheet, row, "partial", String.valueOf(report.partial()), 0);
            section(sheet, row, "honors", report.honors());
            section(sheet, row, "welfare", report.welfare());
            section(sheet, row, "volunteer", report.volunteer());
            sheet.setColumnWidth(0, 60 * 256);
            sheet.setColumnWidth(1, 20 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void section(Sheet sheet, int[] row, String path, JsonNode node) {
        if (node == null || node.isNull()) {
            add(sheet, row, path, "unavailable", 0);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                section(sheet, row, path + " / " + field.getKey(), field.getValue());
            }
        } else if (node.isIntegralNumber()) {
            add(sheet, row, path, null, node.asLong());
        } else if (!node.isContainerNode()) {
            add(sheet, row, path, node.asText(), 0);
        }
    }

    /** Numbers stay numbers (fen amounts are whole numbers), so the sheet can sum them. */
    private static void add(Sheet sheet, int[] row, String label, String text, long number) {
        Row r = sheet.createRow(row[0]++);
        r.createCell(0).setCellValue(label);
        if (text != null) {
            r.createCell(1).setCellValue(text);
        } else {
            r.createCell(1).setCellValue(number);
        }
    }
}
