package org.gonghui.demo;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic synthetic people and enterprises of Loudi: Chinese names, GB 11643 resident ID numbers with a valid
 * check digit and the county's real division code, GB 32100 unified social credit codes. Same seed, same people.
 */
final class People {

    /** An org of the union tree with its county's name and administrative division code. */
    record Org(String code, String place, String division) {
    }

    static final List<Org> ORGS = List.of(
            new Org("ld", "娄底市", "431301"),
            new Org("ld.lx", "娄星区", "431302"),
            new Org("ld.lsj", "冷水江市", "431381"),
            new Org("ld.ly", "涟源市", "431382"),
            new Org("ld.sf", "双峰县", "431321"),
            new Org("ld.xh", "新化县", "431322"));

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊孟秦邱侯江尹薛阎段雷龙黎史陶贺毛郝顾龚邵万覃";
    private static final String GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞建国志文俊峰波宇浩凯健林亮成军良海东新永兴胜德春松";
    private static final String GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀英玲桂兰萍红梅琳燕雪慧婷颖倩丹洁佳琴云莉凤月";
    private static final String[] INDUSTRY = { "钢铁", "机械", "锑业", "煤业", "建材", "电力", "陶瓷", "纺织", "化工", "农机",
            "物流", "食品", "电子", "水泥", "竹木" };
    private static final String[] UNIT_KIND = { "有限公司", "股份有限公司", "厂", "集团有限公司" };
    private static final String[] WORKSHOP = { "炼钢车间", "轧钢车间", "机修班组", "质检站", "调度中心", "安全科", "装配车间",
            "配电班", "客服中心", "生产一线班组" };
    private static final String CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
    private static final int[] ID_WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final char[] ID_CHECK = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

    private final Random random;
    private final Set<String> issued = new HashSet<>();
    private final Set<String> units = new HashSet<>();

    People(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    static Org org(String code) {
        return ORGS.stream().filter(o -> o.code().equals(code)).findFirst().orElseThrow();
    }

    String name(boolean female) {
        String given = female ? GIVEN_FEMALE : GIVEN_MALE;
        String name = String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())))
                + given.charAt(random.nextInt(given.length()));
        return random.nextInt(3) == 0 ? name : name + given.charAt(random.nextInt(given.length()));
    }

    /** A new resident ID number (never issued before by this generator) born between the two years. */
    String idNumber(Org org, int bornFrom, int bornTo, boolean female) {
        while (true) {
            LocalDate birth = LocalDate.of(bornFrom, 1, 1).plusDays(random.nextInt((bornTo - bornFrom + 1) * 365));
            int sequence = random.nextInt(500) * 2 + (female ? 0 : 1);
            String first17 = org.division() + String.format("%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(),
                    birth.getDayOfMonth(), sequence);
            String id = first17 + idCheck(first17);
            if (issued.add(id)) {
                return id;
            }
        }
    }

    static char idCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK[sum % 11];
    }

    /** A new unified social credit code of an enterprise (registration authority 9, kind 1) in the org's county. */
    String creditCode(Org org) {
        while (true) {
            StringBuilder b = new StringBuilder("91").append(org.division());
            for (int i = 0; i < 9; i++) {
                b.append(CREDIT_ALPHABET.charAt(random.nextInt(i == 8 ? 10 : CREDIT_ALPHABET.length())));
            }
            String code = b.toString() + creditCheck(b.toString());
            if (issued.add(code)) {
                return code;
            }
        }
    }

    static char creditCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_ALPHABET.indexOf(first17.charAt(i)) * CREDIT_WEIGHTS[i];
        }
        return CREDIT_ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** An enterprise name in the county, unique within the demo. */
    String enterprise(Org org) {
        while (true) {
            String name = org.place() + pick(SURNAMES) + pick("华兴隆盛达丰源恒泰鑫") + INDUSTRY[random.nextInt(INDUSTRY.length)]
                    + UNIT_KIND[random.nextInt(UNIT_KIND.length)];
            if (units.add(name)) {
                return name;
            }
        }
    }

    /** Some enterprise name (may repeat: people work in the same places). */
    String workplace(Org org) {
        return org.place() + pick("华兴隆盛达丰源恒泰鑫") + pick("华兴隆盛达丰源恒泰鑫") + INDUSTRY[random.nextInt(INDUSTRY.length)]
                + UNIT_KIND[random.nextInt(UNIT_KIND.length)];
    }

    String workshop() {
        return WORKSHOP[random.nextInt(WORKSHOP.length)];
    }

    String phone() {
        return "1" + (3 + random.nextInt(6)) + String.format("%09d", random.nextInt(1_000_000_000));
    }

    private char pick(String chars) {
        return chars.charAt(random.nextInt(chars.length()));
    }
}
