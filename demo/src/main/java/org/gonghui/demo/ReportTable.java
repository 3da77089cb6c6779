package org.gonghui.demo;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The annual report as a readable table: Chinese and English labels, counts, and money in yuan. */
final class ReportTable {

    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("honors.byAward.may-day-pioneer-collective", "五一先锋集体 May Day Pioneer Collectives");
        LABELS.put("honors.byAward.may-day-pioneer-post", "五一先锋岗 May Day Pioneer Posts");
        LABELS.put("honors.byAward.furong-model-post", "芙蓉标兵岗 Furong Model Posts");
        LABELS.put("honors.byAward.may-day-model", "五一标兵 May Day Models");
        LABELS.put("honors.byAward.furong-star", "芙蓉百岗明星 Furong Hundred-Post Stars");
        LABELS.put("honors.byAward.hunan-craftsman", "湖南工匠 Hunan Craftsmen");
        LABELS.put("honors.byAward.loudi-craftsman", "娄底工匠 Loudi Craftsmen");
        LABELS.put("welfare.enterprisesVisited", "走访困难企业 enterprises visited");
        LABELS.put("welfare.householdsVisited", "走访困难职工家庭 households visited");
        LABELS.put("welfare.condolenceFen", "送温暖慰问金 condolence paid");
        LABELS.put("welfare.studentAid.children", "金秋助学 children aided");
        LABELS.put("welfare.studentAid.amountFen", "金秋助学金 student aid paid");
        LABELS.put("welfare.jobTrainingPeople", "免费职业培训 people trained");
        LABELS.put("welfare.medicalMutualAidMembers", "住院医疗互助 mutual-aid members");
        LABELS.put("welfare.femaleSpecialDiseaseMembers", "女职工特殊疾病互助 members");
        LABELS.put("welfare.trainTickets", "温暖回家路 train tickets");
        LABELS.put("welfare.modelWorkerCondolence.national", "慰问全国劳模 national model workers");
        LABELS.put("welfare.modelWorkerCondolence.provincial", "慰问省部级劳模 provincial model workers");
        LABELS.put("welfare.modelWorkerCondolence.municipal", "慰问市级劳模 municipal model workers");
        LABELS.put("welfare.modelWorkerCondolence.amountFen", "劳模慰问金 model-worker condolence paid");
        LABELS.put("welfare.modelWorkerLivingSubsidy.people", "劳模生活补助 model workers");
        LABELS.put("welfare.modelWorkerLivingSubsidy.amountFen", "劳模生活补助金 living subsidies paid");
        LABELS.put("welfare.modelWorkerSpecialHardship.people", "劳模特困帮扶 model workers");
        LABELS.put("welfare.modelWorkerSpecialHardship.amountFen", "劳模特困帮扶金 special hardship aid paid");
        LABELS.put("welfare.communityAidFen", "社区帮扶 community aid paid");
        LABELS.put("volunteer.teams", "志愿服务队 volunteer teams");
        LABELS.put("volunteer.activities", "入户走访活动 visits completed");
        LABELS.put("volunteer.communitiesServed", "服务社区 communities served");
        LABELS.put("volunteer.volunteerHours", "志愿服务时长 volunteer hours");
        LABELS.put("volunteer.aidDeliveredFen", "走访时发放帮扶金 aid delivered on visits");
    }

    private ReportTable() {
    }

    static String render(JsonNode report) {
        Map<String, Long> figures = DemoLoader.flatten(report);
        StringBuilder b = new StringBuilder();
        b.append(String.format("%n娄底市总工会 %d 年度工作报告 / Gonghui annual report %d  (org %s%s)%n",
                report.path("year").asInt(), report.path("year").asInt(), report.path("orgCode").asText(),
                report.path("partial").asBoolean() ? ", PARTIAL: a service did not answer" : ""));
        String section = "";
        for (Map.Entry<String, String> e : LABELS.entrySet()) {
            String s = e.getKey().substring(0, e.getKey().indexOf('.'));
            if (!s.equals(section)) {
                section = s;
                b.append(String.format("%n  %s%n", switch (s) {
                    case "honors" -> "荣誉 Honors conferred";
                    case "welfare" -> "帮扶 Welfare";
                    default -> "志愿服务 Volunteering";
                }));
            }
            Long value = figures.get(e.getKey());
            String shown = value == null ? "-"
                    : e.getKey().endsWith("Fen") ? yuan(value) : String.format("%,d", value);
            String label = e.getKey().endsWith("Fen") ? e.getValue() + " (元 yuan)" : e.getValue();
            b.append("    ").append(padded(label, 56)).append(String.format("%20s%n", shown));
        }
        return b.toString();
    }

    /** The label padded to a column width counted in terminal cells (a Chinese character takes two). */
    static String padded(String label, int cells) {
        int width = label.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 2 : 1)
                .sum();
        return label + " ".repeat(Math.max(1, cells - width));
    }

    static String yuan(long fen) {
        return String.format("%,.2f", BigDecimal.valueOf(fen, 2));
    }
}
