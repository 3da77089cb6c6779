package org.gonghui.gateway.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The annual report as an xlsx workbook: a summary sheet (year, org, when it was made, whether it is partial) and one
 * sheet per section, with Chinese and English headings. Counts are integer cells ({@code #,##0}); amounts are yuan
 * cells with two decimals ({@code #,##0.00}) converted from integer fen with {@link BigDecimal}, so the sheet can sum
 * them. A section a service did not answer still gets its sheet, saying so. The last column of a section sheet names
 * the report's JSON field of each row, so a program reading the file need not parse the labels.
 */
final class AnnualReportWorkbook {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String COUNT_FORMAT = "#,##0";
    static final String YUAN_FORMAT = "#,##0.00";
    static final String TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";

    static final String SUMMARY_SHEET = "概况 Summary";
    static final String HONORS_SHEET = "表彰 Honors";
    static final String WELFARE_SHEET = "帮扶 Welfare";
    static final String VOLUNTEER_SHEET = "志愿服务 Volunteer";
    static final String NO_ANSWER = "该服务未在时限内应答，本部分缺失 The service did not answer in time; this section is missing";

    /** What a row counts, in both languages; money is the one unit shown with decimals. */
    enum Unit {
        ENTERPRISES("家 enterprises"), HOUSEHOLDS("户 households"), PEOPLE("人 people"), TICKETS("张 tickets"),
        ACTIVITIES("次 activities"), TEAMS("支 teams"), COMMUNITIES("个 communities"), HOURS("小时 hours"),
        MINUTES("分钟 minutes"), TITLES("个 titles"), YUAN("元 yuan"), NUMBER("");

        final String label;

        Unit(String label) {
            this.label = label;
        }
    }

    /** A row of a section sheet: the field of the section's JSON ({@code studentAid.amountFen}) and its label. */
    record Figure(String field, String label, Unit unit) {
    }

    static final List<Figure> WELFARE = List.of(
            new Figure("enterprisesVisited", "走访慰问困难企业 Enterprises visited", Unit.ENTERPRISES),
            new Figure("householdsVisited", "走访慰问困难职工家庭 Households visited", Unit.HOUSEHOLDS),
            new Figure("condolenceFen", "送温暖慰问金 Condolence visits: amount", Unit.YUAN),
            new Figure("studentAid.children", "金秋助学 受助子女 Student aid: children", Unit.PEOPLE),
            new Figure("studentAid.amountFen", "金秋助学 助学金 Student aid: amount", Unit.YUAN),
            new Figure("jobTrainingPeople", "职业技能培训 Job training: people trained", Unit.PEOPLE),
            new Figure("medicalMutualAidMembers", "职工医疗互助 参保人数 Medical mutual aid: members", Unit.PEOPLE),
            new Figure("femaleSpecialDiseaseMembers", "女职工特殊疾病互助 参保人数 Women's special-disease cover: members",
                    Unit.PEOPLE),
            new Figure("trainTickets", "农民工返乡火车票 Train tickets home for migrant workers", Unit.TICKETS),
            new Figure("modelWorkerCondolence.national", "慰问全国劳模 Model-worker condolence: national", Unit.PEOPLE),
            new Figure("modelWorkerCondolence.provincial", "慰问省部级劳模 Model-worker condolence: provincial",
                    Unit.PEOPLE),
            new Figure("modelWorkerCondolence.municipal", "慰问市级劳模 Model-worker condolence: municipal", Unit.PEOPLE),
            new Figure("modelWorkerCondolence.amountFen", "劳模慰问金 Model-worker condolence: amount", Unit.YUAN),
            new Figure("modelWorkerLivingSubsidy.people", "劳模生活补助 人数 Model-worker living subsidy: people",
                    Unit.PEOPLE),
            new Figure("modelWorkerLivingSubsidy.amountFen", "劳模生活补助 金额 Model-worker living subsidy: amount",
                    Unit.YUAN),
            new Figure("modelWorkerSpecialHardship.people", "劳模特困帮扶 人数 Model-worker special hardship aid: people",
                    Unit.PEOPLE),
            new Figure("modelWorkerSpecialHardship.amountFen",
                    "劳模特困帮扶 金额 Model-worker special hardship aid: amount", Unit.YUAN),
            new Figure("communityAidFen", "社区帮扶金（随走访送达） Community aid handed over on visits", Unit.YUAN));

    static final List<Figure> VOLUNTEER = List.of(
            new Figure("activities", "完成志愿服务活动 Volunteer activities completed", Unit.ACTIVITIES),
            new Figure("teams", "志愿服务队伍 Volunteer teams", Unit.TEAMS),
            new Figure("communitiesServed", "服务社区 Communities served", Unit.COMMUNITIES),
            new Figure("volunteerHours", "志愿服务时长（整小时） Volunteer hours (whole hours)", Unit.HOURS),
            new Figure("volunteerMinutes", "志愿服务时长（分钟） Volunteer time in minutes", Unit.MINUTES),
            new Figure("aidDeliveredFen", "走访送达帮扶金 Aid handed over on visits", Unit.YUAN));

    /** What the workbook shows besides the report: when it was made, the org's name and the award names. */
    record Context(LocalDateTime generatedAt, String orgName, Map<String, String> awardNames) {
    }

    private AnnualReportWorkbook() {
    }

    static byte[] write(AnnualReportResource.AnnualReport report, Context context) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(workbook);
            summary(new Writer(workbook.createSheet(SUMMARY_SHEET), styles), report, context);
            honors(new Writer(workbook.createSheet(HONORS_SHEET), styles), report.honors(), context.awardNames());
            figures(new Writer(workbook.createSheet(WELFARE_SHEET), styles), "welfare", report.welfare(), WELFARE);
            figures(new Writer(workbook.createSheet(VOLUNTEER_SHEET), styles), "volunteer", report.volunteer(),
                    VOLUNTEER);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void summary(Writer sheet, AnnualReportResource.AnnualReport report, Context context) {
        sheet.header("项目 Item", "内容 Value");
        sheet.row().text("年度 Year").number(BigDecimal.valueOf(report.year()), sheet.styles.plain);
        sheet.row().text("组织 Org").text(context.orgName() == null ? report.orgCode()
                : report.orgCode() + " " + context.orgName());
        sheet.row().text("生成时间 Generated at (Asia/Shanghai)").time(context.generatedAt());
        sheet.row().text("部分报告 Partial").text(report.partial()
                ? "是：有服务未应答 yes: a service did not answer" : "否：三项服务均已应答 no: every service answered");
        section(sheet, "表彰 Honors", report.honors());
        section(sheet, "帮扶 Welfare", report.welfare());
        section(sheet, "志愿服务 Volunteer", report.volunteer());
        sheet.finish();
    }

    private static void section(Writer sheet, String name, JsonNode section) {
        sheet.row().text(name).text(isMissing(section) ? "未应答 no answer" : "已应答 answered");
    }

    /** One row per award of the catalog (named from it when the catalog answered), then the total. */
    private static void honors(Writer sheet, JsonNode honors, Map<String, String> awardNames) {
        sheet.header("奖项 Award", "授予称号 Titles conferred", "字段 Field");
        if (isMissing(honors)) {
            sheet.row().text(NO_ANSWER);
            sheet.finish();
            return;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, JsonNode> award : honors.path("byAward").properties()) {
            BigDecimal count = integral(award.getValue());
            if (count == null) {
                continue;
            }
            total = total.add(count);
            sheet.row().text(awardNames.getOrDefault(award.getKey(), award.getKey()))
                    .number(count, sheet.styles.count).text("honors.byAward." + award.getKey());
        }
        sheet.row().text("合计 Total", sheet.styles.bold).number(total, sheet.styles.countBold);
        sheet.finish();
    }

    /**
     * The section's known figures in the order of the union's report, then any other number the service has added
     * since (labelled by its field; {@code ...Fen} as yuan), so a new figure is never silently left out.
     */
    private static void figures(Writer sheet, String name, JsonNode section, List<Figure> known) {
        sheet.header("项目 Figure", "数值 Value", "单位 Unit", "字段 Field");
        if (isMissing(section)) {
            sheet.row().text(NO_ANSWER);
            sheet.finish();
            return;
        }
        Set<String> shown = new HashSet<>();
        for (Figure figure : known) {
            JsonNode value = section.at("/" + figure.field().replace('.', '/'));
            shown.add(figure.field());
            figure(sheet, name, figure, value);
        }
        List<String> others = new ArrayList<>();
        leaves("", section, others);
        others.stream().filter(f -> !shown.contains(f)).forEach(f -> figure(sheet, name,
                new Figure(f, f, f.endsWith("Fen") ? Unit.YUAN : Unit.NUMBER), section.at("/" + f.replace('.', '/'))));
        sheet.finish();
    }

    private static void figure(Writer sheet, String section, Figure figure, JsonNode value) {
        BigDecimal number = integral(value);
        if (number == null) {
            return; // not given by this version of the service
        }
        Writer.RowWriter row = sheet.row().text(figure.label());
        if (figure.unit() == Unit.YUAN) {
            row.number(number.movePointLeft(2), sheet.styles.yuan); // integer fen -> yuan, exactly
        } else {
            row.number(number, sheet.styles.count);
        }
        row.text(figure.unit().label).text(section + "." + figure.field());
    }

    private static void leaves(String prefix, JsonNode node, List<String> into) {
        node.properties().forEach(e -> {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                leaves(path, e.getValue(), into);
            } else if (e.getValue().isIntegralNumber()) {
                into.add(path);
            }
        });
    }

    private static BigDecimal integral(JsonNode value) {
        return value != null && value.isIntegralNumber() ? new BigDecimal(value.bigIntegerValue()) : null;
    }

    private static boolean isMissing(JsonNode section) {
        return section == null || section.isNull() || section.isMissingNode();
    }

    /** The workbook's few cell styles, made once (a workbook holds at most 64,000). */
    static final class Styles {
        final CellStyle header;
        final CellStyle plain;
        final CellStyle bold;
        final CellStyle count;
        final CellStyle countBold;
        final CellStyle yuan;
        final CellStyle time;

        Styles(XSSFWorkbook workbook) {
            Font boldFont = workbook.createFont();
            boldFont.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(boldFont);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            header.setWrapText(false);
            plain = workbook.createCellStyle();
            bold = workbook.createCellStyle();
            bold.setFont(boldFont);
            short countFormat = workbook.createDataFormat().getFormat(COUNT_FORMAT);
            count = workbook.createCellStyle();
            count.setDataFormat(countFormat);
            countBold = workbook.createCellStyle();
            countBold.setDataFormat(countFormat);
            countBold.setFont(boldFont);
            yuan = workbook.createCellStyle();
            yuan.setDataFormat(workbook.createDataFormat().getFormat(YUAN_FORMAT));
            time = workbook.createCellStyle();
            time.setDataFormat(workbook.createDataFormat().getFormat(TIME_FORMAT));
        }
    }

    /** Writes rows top-down and remembers each column's widest text, to size the columns at the end. */
    static final class Writer {
        private final Sheet sheet;
        final Styles styles;
        private final List<Integer> widths = new ArrayList<>();
        private int next;

        Writer(Sheet sheet, Styles styles) {
            this.sheet = sheet;
            this.styles = styles;
        }

        void header(String... headings) {
            RowWriter row = row();
            for (String heading : headings) {
                row.text(heading, styles.header);
            }
            sheet.createFreezePane(0, 1); // the headings stay in view while scrolling
        }

        RowWriter row() {
            return new RowWriter(sheet.createRow(next++));
        }

        void finish() {
            for (int column = 0; column < widths.size(); column++) {
                int chars = Math.min(80, Math.max(10, widths.get(column) + 2));
                sheet.setColumnWidth(column, chars * 256);
            }
        }

        private void measure(int column, int width) {
            while (widths.size() <= column) {
                widths.add(0);
            }
            widths.set(column, Math.max(widths.get(column), width));
        }

        /** Display width: a Chinese character takes about two Latin ones. */
        private static int width(String text) {
            return text.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                    || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ? 2 : 1).sum();
        }

        final class RowWriter {
            private final Row row;
            private int column;

            RowWriter(Row row) {
                this.row = row;
            }

            RowWriter text(String text) {
                return text(text, styles.plain);
            }

            RowWriter text(String text, CellStyle style) {
                Cell cell = row.createCell(column);
                cell.setCellValue(text);
                cell.setCellStyle(style);
                measure(column, width(text));
                column++;
                return this;
            }

            /** The cell holds a double, as every spreadsheet number does; the conversion happens only here. */
            RowWriter number(BigDecimal value, CellStyle style) {
                Cell cell = row.createCell(column);
                cell.setCellValue(value.doubleValue());
                cell.setCellStyle(style);
                measure(column, value.toPlainString().length() + value.precision() / 3 + 1);
                column++;
                return this;
            }

            RowWriter time(LocalDateTime at) {
                Cell cell = row.createCell(column);
                cell.setCellValue(at);
                cell.setCellStyle(styles.time);
                measure(column, TIME_FORMAT.length());
                column++;
                return this;
            }
        }
    }
}
