package org.gonghui.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gonghui.demo.People.Org;

/**
 * The demo year 2016, generated from a fixed seed: who gets which title, grant and enrolment, at which org, for how
 * much. The amounts are chosen so that the totals are the Loudi union's published 2016 figures; {@link #shares()}
 * says what each org's own records add up to.
 */
final class Plan {

    static final int YEAR = 2016;
    static final long SEED = 20161231L;

    /** Titles conferred in 2016 (the report's honors section). */
    static final Map<String, Integer> TITLES_2016 = orderedMap(
            "may-day-pioneer-collective", 13, "may-day-pioneer-post", 14, "furong-model-post", 12,
            "may-day-model", 68, "furong-star", 17, "hunan-craftsman", 13, "loudi-craftsman", 60);
    static final int ENTERPRISES_VISITED = 126;
    static final int HOUSEHOLDS_VISITED = 426;
    static final int CHILDREN = 2541;
    static final int UNIVERSITY_CHILDREN = 1114;
    static final int JOB_TRAINING = 1200;
    static final int MEDICAL_MUTUAL_AID = 110_000;
    static final int FEMALE_SPECIAL_DISEASE = 50_000;
    static final int TRAIN_TICKETS = 700;
    static final int NATIONAL = 29;
    static final int PROVINCIAL = 336;
    static final int MUNICIPAL = 25;
    static final int LIVING_SUBSIDY_PEOPLE = 130;
    static final int SPECIAL_HARDSHIP_PEOPLE = 115;
    static final int COMMUNITY_AID_GRANTS = 40;
    static final int TEAMS = 7;
    static final int WEEKS = 52;

    /** A hardship file: an enterprise (creditCode) or a worker / household (idNumber). */
    record CaseFile(int no, String org, String kind, String name, String idNumber, String creditCode,
            List<String> hardships, Integer householdSize, Long monthlyIncomeFen, String notes) {
    }

    /** A model worker of the historical honors import; becomes a registry entry in welfare over Kafka. */
    record ModelWorker(int no, String level, String awardCode, int sinceYear, String name, String idNumber,
            String unitName, String org) {
    }

    /** A grant to pay: to a case ({@code caseNo}) or a model worker ({@code modelWorkerNo}). */
    record Grant(String key, String program, String org, int caseNo, int modelWorkerNo, long amountFen, int quantity,
            Map<String, Object> details) {
    }

    record HonorRow(String awardCode, String year, String name, String idNumber, String unitName, String orgCode) {
    }

    record Community(String name, String org, String address) {
    }

    record Volunteer(String name, String phone, String idNumber, String org, List<String> skills) {
    }

    record Team(String name, String org, int leader, List<Integer> members) {
    }

    final List<CaseFile> cases = new ArrayList<>();
    final List<ModelWorker> modelWorkers = new ArrayList<>();
    /** grants paid to case files, grouped by case number (a case's grants run one after another) */
    final Map<Integer, List<Grant>> caseGrants = new LinkedHashMap<>();
    final List<Grant> modelWorkerGrants = new ArrayList<>();
    /** community aid on volunteer visits: the visit is picked at load time among the org's communities */
    final List<Grant> communityAid = new ArrayList<>();
    final List<HonorRow> honors = new ArrayList<>();
    /** program -> org -> CSV rows (name,idNumber,orgCode,unitName) */
    final Map<String, Map<String, List<String>>> enrolments = new LinkedHashMap<>();
    final List<Community> communities = new ArrayList<>();
    final List<Volunteer> volunteers = new ArrayList<>();
    final List<Team> teams = new ArrayList<>();

    private final People people = new People(SEED);
    private final java.util.Set<String> modelWorkerKeys = new java.util.HashSet<>();

    static String modelWorkerKey(String name, String unitName, String org) {
        return name + "|" + unitName + "|" + org;
    }

    static Plan generate() {
        Plan plan = new Plan();
        plan.honors();
        plan.modelWorkers();
        plan.caseFiles();
        plan.enrolments();
        plan.volunteering();
        return plan;
    }

    // ------------------------------------------------------------------ honors

    private void honors() {
        TITLES_2016.forEach((award, count) -> {
            for (int i = 0; i < count; i++) {
                Org org = weightedOrg();
                String unit = people.enterprise(org);
                switch (award) {
                    case "may-day-pioneer-collective" -> honors.add(new HonorRow(award, "2016",
                            unit + people.workshop(), null, unit, org.code()));
                    case "may-day-pioneer-post", "furong-model-post" -> honors.add(new HonorRow(award, "2016",
                            unit + people.workshop() + "岗", null, unit, org.code()));
                    default -> {
                        boolean female = people.random().nextInt(3) == 0;
                        honors.add(new HonorRow(award, "2016", people.name(female),
                                people.idNumber(org, 1962, 1992, female), unit, org.code()));
                    }
                }
            }
        });
    }

    private void modelWorkers() {
        addModelWorkers("NATIONAL", "model-worker-national", NATIONAL, 1979);
        addModelWorkers("PROVINCIAL", "model-worker-provincial", PROVINCIAL, 1985);
        addModelWorkers("MUNICIPAL", "model-worker-municipal", MUNICIPAL, 1990);
        for (ModelWorker m : modelWorkers) {
            honors.add(new HonorRow(m.awardCode(), String.valueOf(m.sinceYear()), m.name(), m.idNumber(),
                    m.unitName(), m.org()));
        }
        // condolence to every model worker: national 3,000, provincial 1,000 (35 with a 1,200 top-up), municipal 800
        int provincialSeen = 0;
        for (ModelWorker m : modelWorkers) {
            long yuan = switch (m.level()) {
                case "NATIONAL" -> 3_000;
                case "PROVINCIAL" -> provincialSeen++ < 35 ? 1_200 : 1_000;
                default -> 800;
            };
            modelWorkerGrants.add(new Grant("mw-condolence-" + m.no(), "model-worker-condolence", m.org(), -1, m.no(),
                    yuan * 100, 1, Map.of("occasion", "2016年春节劳模慰问")));
        }
        // living subsidy: all 29 national (12,000) and 101 provincial (10,000; 5 with 10,400)
        List<ModelWorker> national = modelWorkers.stream().filter(m -> m.level().equals("NATIONAL")).toList();
        List<ModelWorker> provincial = modelWorkers.stream().filter(m -> m.level().equals("PROVINCIAL")).toList();
        List<ModelWorker> subsidised = new ArrayList<>(national);
        subsidised.addAll(provincial.subList(0, LIVING_SUBSIDY_PEOPLE - national.size()));
        int topUp = 0;
        for (ModelWorker m : subsidised) {
            long yuan = m.level().equals("NATIONAL") ? 12_000 : topUp++ < 5 ? 10_400 : 10_000;
            modelWorkerGrants.add(new Grant("mw-living-" + m.no(), "model-worker-living-subsidy", m.org(), -1, m.no(),
                    yuan * 100, 1, Map.of("period", "2016年度")));
        }
        // special hardship aid: 115 model workers in hardship, 55 of them 6,000 and 60 of them 4,000
        List<ModelWorker> shuffled = new ArrayList<>(modelWorkers);
        Collections.shuffle(shuffled, people.random());
        for (int i = 0; i < SPECIAL_HARDSHIP_PEOPLE; i++) {
            ModelWorker m = shuffled.get(i);
            modelWorkerGrants.add(new Grant("mw-hardship-" + m.no(), "model-worker-special-hardship", m.org(), -1,
                    m.no(), (i < 55 ? 6_000 : 4_000) * 100L, 1, Map.of("reason", i % 2 == 0 ? "因病致困" : "生活困难")));
        }
    }

    private void addModelWorkers(String level, String award, int count, int fromYear) {
        for (int i = 0; i < count; i++) {
            Org org = weightedOrg();
            boolean female = people.random().nextInt(4) == 0;
            int since = fromYear + people.random().nextInt(2015 - fromYear + 1);
            String name;
            String unit;
            do { // welfare's registry shows name, unit and org, not the ID number: keep that triple unique
                name = people.name(female);
                unit = people.workplace(org);
            } while (!modelWorkerKeys.add(modelWorkerKey(name, unit, org.code())));
            modelWorkers.add(new ModelWorker(modelWorkers.size(), level, award, since, name,
                    people.idNumber(org, 1938, 1978, female), unit, org.code()));
        }
    }

    // ------------------------------------------------------------------ hardship files and grants to them

    private void caseFiles() {
        // 126 enterprises visited (5,000 each)
        for (int i = 0; i < ENTERPRISES_VISITED; i++) {
            Org org = weightedOrg();
            CaseFile c = addCase(new CaseFile(cases.size(), org.code(), "ENTERPRISE", people.enterprise(org), null,
                    people.creditCode(org), List.of("ENTERPRISE_DIFFICULTY"), null, null, "2016年送温暖走访困难企业"));
            grant(c, "condolence-visit", 5_000, 1, Map.of("occasion", "2016年春节送温暖"));
        }
        // 426 worker households visited: 202 get 2,000 and 224 get 1,500
        List<CaseFile> visited = new ArrayList<>();
        for (int i = 0; i < HOUSEHOLDS_VISITED; i++) {
            CaseFile c = addPersonCase(i % 5 < 2 ? "HOUSEHOLD" : "WORKER");
            visited.add(c);
            grant(c, "condolence-visit", i < 202 ? 2_000 : 1_500, 1, Map.of("occasion", "2016年春节送温暖"));
        }
        // student aid: 2,541 children of 1,700 families (the visited households and 1,274 more workers);
        // 1,114 university students get 3,000, the others 2,000
        List<CaseFile> families = new ArrayList<>(visited);
        while (families.size() < 1_700) {
            families.add(addPersonCase("WORKER"));
        }
        int children = 0;
        for (int f = 0; f < families.size(); f++) {
            int count = f < CHILDREN - families.size() ? 2 : 1;
            for (int k = 0; k < count; k++) {
                boolean university = children < UNIVERSITY_CHILDREN;
                CaseFile parent = families.get(f);
                boolean female = people.random().nextBoolean();
                String childId = people.idNumber(People.org(parent.org()), university ? 1995 : 1999,
                        university ? 1998 : 2001, female);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("childIdNumber", childId);
                details.put("childName", parent.name().charAt(0) + people.name(female).substring(1));
                details.put("school", university ? "2016级大学新生" : "高中在读");
                grant(parent, "student-aid", university ? 3_000 : 2_000, 1, details);
                children++;
            }
        }
        // train tickets home: 700 tickets for migrant workers' families, 2 to 4 per family at 180 each
        int tickets = 0;
        for (int f = HOUSEHOLDS_VISITED; tickets < TRAIN_TICKETS; f++) {
            int q = Math.min(2 + people.random().nextInt(3), TRAIN_TICKETS - tickets);
            grant(families.get(f), "train-ticket", 180L * q, q, Map.of("route", "广州南—娄底南"));
            tickets += q;
        }
        // community aid on volunteer visits: 40 visited county households, 4,000 each (the visit is chosen at load)
        int aid = 0;
        for (CaseFile c : visited) {
            if (aid == COMMUNITY_AID_GRANTS) {
                break;
            }
            if (!c.org().equals("ld") && c.kind().equals("HOUSEHOLD")) {
                communityAid.add(new Grant("community-aid-" + aid++, "community-aid", c.org(), c.no(), -1,
                        400_000, 1, Map.of("delivered", "志愿服务队入户走访时发放")));
            }
        }
    }

    private CaseFile addPersonCase(String kind) {
        Org org = weightedOrg();
        boolean female = people.random().nextInt(3) == 0;
        List<String> hardships = switch (people.random().nextInt(4)) {
            case 0 -> List.of("SERIOUS_ILLNESS");
            case 1 -> List.of("LOW_INCOME", "SINGLE_PARENT");
            case 2 -> List.of("UNEMPLOYED", "LOW_INCOME");
            default -> List.of("DISABILITY");
        };
        return addCase(new CaseFile(cases.size(), org.code(), kind, people.name(female),
                people.idNumber(org, 1960, 1985, female), null, hardships, 2 + people.random().nextInt(4),
                (800L + people.random().nextInt(1200)) * 100, kind.equals("HOUSEHOLD") ? "困难职工家庭" : "困难职工"));
    }

    private CaseFile addCase(CaseFile c) {
        cases.add(c);
        return c;
    }

    private void grant(CaseFile c, String program, long yuan, int quantity, Map<String, Object> details) {
        List<Grant> list = caseGrants.computeIfAbsent(c.no(), k -> new ArrayList<>());
        list.add(new Grant(program + "-" + c.no() + "-" + list.size(), program, c.org(), c.no(), -1, yuan * 100,
                quantity, details));
    }

    // ------------------------------------------------------------------ enrolments by CSV

    private void enrolments() {
        enrol("medical-mutual-aid", MEDICAL_MUTUAL_AID, 3);
        enrol("female-special-disease", FEMALE_SPECIAL_DISEASE, -1);
        enrol("job-training", JOB_TRAINING, 2);
    }

    /** {@code femaleOneIn}: -1 all women, else one woman in n */
    private void enrol(String program, int count, int femaleOneIn) {
        Map<String, List<String>> byOrg = new LinkedHashMap<>();
        People.ORGS.forEach(o -> byOrg.put(o.code(), new ArrayList<>()));
        for (int i = 0; i < count; i++) {
            Org org = weightedOrg();
            boolean female = femaleOneIn < 0 || people.random().nextInt(femaleOneIn) == 0;
            byOrg.get(org.code()).add(people.name(female) + "," + people.idNumber(org, 1960, 1996, female) + ","
                    + org.code() + "," + people.workplace(org));
        }
        enrolments.put(program, byOrg);
    }

    // ------------------------------------------------------------------ volunteering

    private void volunteering() {
        String[][] places = {
                { "ld.lx", "乐坪街道杉山社区", "娄星区乐坪街道" }, { "ld.lx", "花山街道月塘社区", "娄星区花山街道" },
                { "ld.lsj", "锑都街道布溪社区", "冷水江市锑都街道" }, { "ld.lsj", "沙塘湾街道沙塘湾社区", "冷水江市沙塘湾街道" },
                { "ld.ly", "蓝田街道光明山社区", "涟源市蓝田街道" }, { "ld.ly", "六亩塘镇六亩塘社区", "涟源市六亩塘镇" },
                { "ld.sf", "永丰镇城南社区", "双峰县永丰镇" }, { "ld.sf", "井字镇井字社区", "双峰县井字镇" },
                { "ld.xh", "上梅街道北塔社区", "新化县上梅街道" }, { "ld.xh", "枫林街道枫林社区", "新化县枫林街道" } };
        for (String[] p : places) {
            communities.add(new Community(p[1], p[0], p[2]));
        }
        String[] teamOrgs = { "ld", "ld.lx", "ld.lsj", "ld.ly", "ld.sf", "ld.xh", "ld" };
        String[] teamNames = { "市总工会职工志愿服务队", "娄星区工会志愿服务队", "冷水江市工会志愿服务队", "涟源市工会志愿服务队",
                "双峰县工会志愿服务队", "新化县工会志愿服务队", "劳模工匠志愿服务队" };
        for (int t = 0; t < TEAMS; t++) {
            Org org = People.org(teamOrgs[t]);
            List<Integer> members = new ArrayList<>();
            int leader = volunteers.size();
            for (int m = 0; m < 4; m++) {
                boolean female = people.random().nextBoolean();
                members.add(volunteers.size());
                volunteers.add(new Volunteer(people.name(female), people.phone(), people.idNumber(org, 1965, 1995,
                        female), org.code(), m == 0 ? List.of("组织协调", "入户走访") : List.of("入户走访")));
            }
            teams.add(new Team(teamNames[t], org.code(), leader, members));
        }
    }

    // ------------------------------------------------------------------ what the report must show

    /** Each org's own figures (not its subtree), as report paths like {@code welfare.studentAid.children}. */
    Map<String, Map<String, Long>> shares() {
        Map<String, Map<String, Long>> shares = new TreeMap<>();
        People.ORGS.forEach(o -> shares.put(o.code(), new TreeMap<>()));
        for (HonorRow h : honors) {
            if (h.year().equals(String.valueOf(YEAR))) {
                add(shares, h.orgCode(), "honors.byAward." + h.awardCode(), 1);
            }
        }
        Map<Integer, CaseFile> byNo = new LinkedHashMap<>();
        cases.forEach(c -> byNo.put(c.no(), c));
        caseGrants.values().forEach(list -> list.forEach(g -> {
            CaseFile c = byNo.get(g.caseNo());
            switch (g.program()) {
                case "condolence-visit" -> {
                    add(shares, g.org(), c.kind().equals("ENTERPRISE") ? "welfare.enterprisesVisited"
                            : "welfare.householdsVisited", 1);
                    add(shares, g.org(), "welfare.condolenceFen", g.amountFen());
                }
                case "student-aid" -> {
                    add(shares, g.org(), "welfare.studentAid.children", 1);
                    add(shares, g.org(), "welfare.studentAid.amountFen", g.amountFen());
                }
                case "train-ticket" -> add(shares, g.org(), "welfare.trainTickets", g.quantity());
                default -> throw new IllegalStateException(g.program());
            }
        }));
        for (Grant g : modelWorkerGrants) {
            ModelWorker m = modelWorkers.get(g.modelWorkerNo());
            switch (g.program()) {
                case "model-worker-condolence" -> {
                    add(shares, g.org(), "welfare.modelWorkerCondolence." + m.level().toLowerCase(), 1);
                    add(shares, g.org(), "welfare.modelWorkerCondolence.amountFen", g.amountFen());
                }
                case "model-worker-living-subsidy" -> {
                    add(shares, g.org(), "welfare.modelWorkerLivingSubsidy.people", 1);
                    add(shares, g.org(), "welfare.modelWorkerLivingSubsidy.amountFen", g.amountFen());
                }
                default -> {
                    add(shares, g.org(), "welfare.modelWorkerSpecialHardship.people", 1);
                    add(shares, g.org(), "welfare.modelWorkerSpecialHardship.amountFen", g.amountFen());
                }
            }
        }
        for (Grant g : communityAid) {
            add(shares, g.org(), "welfare.communityAidFen", g.amountFen());
            add(shares, g.org(), "volunteer.aidDeliveredFen", g.amountFen());
        }
        Map<String, String> enrolmentPath = Map.of("medical-mutual-aid", "welfare.medicalMutualAidMembers",
                "female-special-disease", "welfare.femaleSpecialDiseaseMembers", "job-training",
                "welfare.jobTrainingPeople");
        enrolments.forEach((program, byOrg) -> byOrg.forEach((org, rows) -> add(shares, org,
                enrolmentPath.get(program), rows.size())));
        return shares;
    }

    /** The whole city's figures: the sum of the six orgs' shares. */
    Map<String, Long> totals() {
        Map<String, Long> totals = new TreeMap<>();
        shares().values().forEach(s -> s.forEach((k, v) -> totals.merge(k, v, Long::sum)));
        return totals;
    }

    private static void add(Map<String, Map<String, Long>> shares, String org, String path, long value) {
        shares.get(org).merge(path, value, Long::sum);
    }

    /** Orgs by rough size of their membership (the city federation's own units are the fewest). */
    private Org weightedOrg() {
        int[] weights = { 8, 22, 14, 19, 17, 20 };
        int r = people.random().nextInt(100);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return People.ORGS.get(i);
            }
        }
        return People.ORGS.get(0);
    }

    private static Map<String, Integer> orderedMap(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return map;
    }
}
