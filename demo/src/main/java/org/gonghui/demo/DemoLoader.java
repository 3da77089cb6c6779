package org.gonghui.demo;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.gonghui.demo.Api.Reply;
import org.gonghui.demo.Plan.CaseFile;
import org.gonghui.demo.Plan.Grant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Loads the demo year into a running suite through the gateway's public API, as the union's clerks would: the first
 * admin creates one account per role and org, then county staff open hardship files and submit grants, reviewers
 * approve (two of them above a program's threshold), finance pays; staff import enrolments by CSV; an admin imports
 * the titles and the historical model workers (which reach welfare over Kafka); a coordinator plans the volunteer
 * rotation. Every write is idempotent (Idempotency-Key, or "already exists" answered with the existing id), so a second
 * run adds nothing; a run on a loaded suite sees the figures already there and only prints the report.
 */
public final class DemoLoader {

    static final String PREFIX = "demo2016";
    /** the last day the demo's funds take grants: the end of the current year in Asia/Shanghai */
    private static final String LATE_ENTRY_UNTIL = java.time.Year.now(java.time.ZoneId.of("Asia/Shanghai")) + "-12-31";
    /** items per batch request: small enough to answer well inside the gateway's 30 s upstream timeout under load */
    static final int BATCH = 50;

    /** What the run did: the city report, each org's own share and the city totals it aimed at. */
    public record Result(JsonNode report, Map<String, Map<String, Long>> shares, Map<String, Long> expected,
            boolean alreadyLoaded, long millis) {
    }

    private final String gateway;
    private final HttpClient http = Api.newClient();
    private final Api firstAdmin;
    private final int threads;
    private final PrintStream out;
    private final Plan plan = Plan.generate();
    private final Map<String, Api> accounts = new ConcurrentHashMap<>();
    private final Map<String, String> funds = new ConcurrentHashMap<>();
    private final Map<Integer, String> caseIds = new ConcurrentHashMap<>();
    private final Map<Integer, String> modelWorkerIds = new ConcurrentHashMap<>();
    private final AtomicInteger casesDone = new AtomicInteger();
    private final AtomicInteger grantsDone = new AtomicInteger();
    private final AtomicInteger enrolmentsDone = new AtomicInteger();
    private final AtomicInteger visitsDone = new AtomicInteger();
    private final long started = System.nanoTime();
    /** funds and the reviewers' and finance officers' accounts exist */
    private volatile CompletableFuture<Void> grantsReady = CompletableFuture.completedFuture(null);

    public DemoLoader(String gateway, String adminUsername, String adminPassword, int threads, PrintStream out) {
        this.gateway = gateway;
        this.firstAdmin = new Api(http, gateway, adminUsername, adminPassword);
        this.threads = threads;
        this.out = out;
    }

    public Result run() {
        firstAdmin.login();
        Map<String, Long> expected = expected();
        JsonNode before = report(firstAdmin);
        if (mismatches(before, expected).isEmpty()) {
            say("the demo year " + Plan.YEAR + " is already loaded: nothing to do");
            return new Result(before, plan.shares(), expected, true, elapsedMillis());
        }
        say("loading the demo year " + Plan.YEAR + " through " + gateway + " (" + threads + " parallel clerks)");
        // bcrypt makes every account creation and login cost CPU: the clerks who start the work come first, the
        // reviewers and finance officers (needed once grants are filed) are created while files are being opened
        createAccounts(firstAccounts());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ExecutorService side = Executors.newFixedThreadPool(4);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(this::progress, 5, 5, TimeUnit.SECONDS);
        try {
            grantsReady = CompletableFuture.runAsync(() -> {
                createFunds();
                createAccounts(laterAccounts());
            }, side);
            Future<?> honors = side.submit(this::importHonors);
            Future<?> volunteering = side.submit(this::volunteering);
            Future<?> enrolments = side.submit(this::importEnrolments);
            // a chunk of files is opened, then its grants are paid while the next chunks are being opened
            List<Future<?>> work = Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> opening = new ArrayList<>();
            chunks(plan.cases, CaseFile::org).forEach(chunk -> opening.add(pool.submit(() -> {
                openCases(chunk);
                List<Grant> grants = new ArrayList<>();
                chunk.forEach(c -> grants.addAll(plan.caseGrants.getOrDefault(c.no(), List.of())));
                chunks(grants, Grant::program).forEach(part -> work.add(pool.submit(
                        () -> grants(part, g -> body(g, caseIds.get(g.caseNo()), null, null)))));
            })));
            opening.forEach(DemoLoader::await);
            await(honors);
            waitForRegistry();
            chunks(plan.modelWorkerGrants, g -> g.org() + "|" + g.program()).forEach(chunk -> work.add(pool.submit(
                    () -> grants(chunk, g -> body(g, null, modelWorkerIds.get(g.modelWorkerNo()), null)))));
            Map<String, List<String>> visitsByOrg = await(volunteering);
            Map<String, String> visitOf = new HashMap<>();
            Map<String, AtomicInteger> nextVisit = new HashMap<>();
            for (Grant g : plan.communityAid) {
                List<String> visits = visitsByOrg.get(g.org());
                visitOf.put(g.key(), visits.get(nextVisit.computeIfAbsent(g.org(), k -> new AtomicInteger())
                        .getAndIncrement() % visits.size()));
            }
            chunks(plan.communityAid, Grant::org).forEach(chunk -> work.add(pool.submit(
                    () -> grants(chunk, g -> body(g, caseIds.get(g.caseNo()), null, visitOf.get(g.key()))))));
            work.forEach(DemoLoader::await);
            await(enrolments);
        } finally {
            ticker.shutdownNow();
            pool.shutdownNow();
            side.shutdownNow();
        }
        progress();
        say("loaded in " + elapsedMillis() / 1000 + " s; waiting for the events to settle (aid shown on visits)");
        JsonNode report = settledReport(expected);
        return new Result(report, plan.shares(), expected, false, elapsedMillis());
    }

    /** City totals of the plan, plus the volunteer figures that are not per org. */
    Map<String, Long> expected() {
        Map<String, Long> expected = new TreeMap<>(plan.totals());
        expected.put("volunteer.teams", (long) Plan.TEAMS);
        expected.put("volunteer.activities", (long) Plan.WEEKS);
        expected.put("volunteer.communitiesServed", (long) plan.communities.size());
        return expected;
    }

    // ------------------------------------------------------------------ accounts and funds

    /** The first admin's first accounts: those who start work at once (admin, coordinator, each org's clerk). */
    private static List<String[]> firstAccounts() {
        List<String[]> wanted = new ArrayList<>();
        wanted.add(new String[] { "ld", "admin" });
        wanted.add(new String[] { "ld", "coordinator" });
        People.ORGS.forEach(o -> wanted.add(new String[] { o.code(), "staff" }));
        return wanted;
    }

    /** Each org's reviewer and finance officer; the city federation's second reviewer co-signs large grants. */
    private static List<String[]> laterAccounts() {
        List<String[]> wanted = new ArrayList<>();
        People.ORGS.forEach(o -> wanted.add(new String[] { o.code(), "reviewer-a" }));
        People.ORGS.forEach(o -> wanted.add(new String[] { o.code(), "finance" }));
        wanted.add(new String[] { "ld", "reviewer-b" });
        return wanted;
    }

    private void createAccounts(List<String[]> wanted) {
        // password hashing makes each creation and login slow on a busy machine: all of them in parallel
        Map<String, String> taken = new ConcurrentHashMap<>();
        parallel(wanted.stream().<Runnable>map(w -> () -> {
            String username = username(w[0], w[1]);
            String password = "Demo-" + UUID.randomUUID();
            String role = w[1].startsWith("reviewer") ? "reviewer" : w[1];
            Reply r = firstAdmin.post("/api/v1/accounts", Map.of("username", username, "password", password,
                    "orgCode", w[0], "roles", List.of(role), "enabled", true));
            if (r.status() == 409) {
                taken.put(username, password);
            } else {
                r.require("create account " + username);
            }
            accounts.put(w[0] + "/" + w[1], new Api(http, gateway, username, password));
        }).toList());
        if (!taken.isEmpty()) {
            // created by an earlier run: the password is not kept anywhere, so the admin sets a temporary one and
            // the account replaces it with its own at once (an admin's reset must be replaced before any login)
            Map<String, String> ids = accountIds();
            Map<String, String> byUsername = new HashMap<>();
            wanted.forEach(w -> byUsername.put(username(w[0], w[1]), w[0] + "/" + w[1]));
            parallel(taken.keySet().stream().<Runnable>map(username -> () -> {
                String temporary = "Demo-reset-" + UUID.randomUUID();
                firstAdmin.patch("/api/v1/accounts/" + Objects.requireNonNull(ids.get(username),
                        "account " + username + " not listed"), Map.of("password", temporary, "enabled", true))
                        .require("reset the password of " + username);
                accounts.get(byUsername.get(username)).replaceTemporaryPassword(temporary);
            }).toList());
        }
        parallel(wanted.stream().<Runnable>map(w -> accounts.get(w[0] + "/" + w[1])::login).toList());
        say("accounts: " + wanted.stream().map(w -> username(w[0], w[1])).toList());
    }

    private Map<String, String> accountIds() {
        Map<String, String> ids = new HashMap<>();
        for (int page = 0;; page++) {
            JsonNode p = firstAdmin.get("/api/v1/accounts?size=200&page=" + page).require("list accounts");
            p.path("items").forEach(a -> ids.put(a.path("username").asText(), a.path("id").asText()));
            if ((page + 1) * 200L >= p.path("total").asLong()) {
                return ids;
            }
        }
    }

    static String username(String org, String role) {
        return PREFIX + "-" + (org.equals("ld") ? "ld" : org.substring(3)) + "-" + role;
    }

    private Api as(String org, String role) {
        return accounts.get(org + "/" + role);
    }

    /** Reviewer A of the org; the second approval of a large grant comes from the city federation's reviewer B. */
    private Api reviewer(String org, String which) {
        return which.equals("reviewer-b") ? as("ld", "reviewer-b") : as(org, which);
    }

    private void createFunds() {
        Map<String, Long> needed = new TreeMap<>();
        List<Grant> all = new ArrayList<>(plan.modelWorkerGrants);
        plan.caseGrants.values().forEach(all::addAll);
        all.addAll(plan.communityAid);
        all.forEach(g -> needed.merge(g.org() + "|" + g.program(), g.amountFen(), Long::sum));
        Api admin = as("ld", "admin");
        Map<String, String> known = new HashMap<>();
        for (int page = 0;; page++) {
            JsonNode p = admin.get("/api/v1/welfare/funds?year=" + Plan.YEAR + "&size=200&page=" + page)
                    .require("list funds");
            p.path("items").forEach(f -> known.put(f.path("code").asText(), f.path("id").asText()));
            if ((page + 1) * 200L >= p.path("total").asLong()) {
                break;
            }
        }
        List<Runnable> creations = new ArrayList<>();
        needed.forEach((key, fen) -> {
            String org = key.substring(0, key.indexOf('|'));
            String program = key.substring(key.indexOf('|') + 1);
            String code = PREFIX + "-" + (org.equals("ld") ? "ld" : org.substring(3)) + "-" + program;
            if (known.containsKey(code)) {
                funds.put(key, known.get(code));
                return;
            }
            // a budget with a tenth to spare, in whole ten-thousands of yuan
            long budget = ((fen * 11 / 10) / 1_000_000 + 1) * 1_000_000;
            // 2016 closed long ago: its funds take the loaded grants only because the admin keeps them open for
            // late entry until the end of this year (a fund closes on 31 January of the next year by default)
            creations.add(() -> funds.put(key, admin.post("/api/v1/welfare/funds", Map.of("code", code, "name",
                    People.org(org).place() + "工会 " + Plan.YEAR + " " + program, "year", Plan.YEAR, "budgetFen",
                    budget, "orgCode", org, "closesOn", LATE_ENTRY_UNTIL)).require("create fund " + code).path("id")
                    .asText()));
        });
        parallel(creations);
        say("funds: " + funds.size() + " (one per org and program, budgets with a tenth to spare)");
    }

    // ------------------------------------------------------------------ honors and enrolments

    private void importHonors() {
        JsonNode r = as("ld", "admin").post("/api/v1/honors/honors/import", plan.honors, PREFIX + "-honors-v1")
                .require("import honors");
        if (r.path("rejected").asInt() != 0) {
            throw new DemoException("honors import rejected rows: " + r.path("errors"));
        }
        say("honors: " + r.path("accepted").asInt() + " titles imported (" + Plan.TITLES_2016.values().stream()
                .mapToInt(Integer::intValue).sum() + " of 2016, the rest historical model workers)");
    }

    private void importEnrolments() {
        plan.enrolments.forEach((program, byOrg) -> byOrg.forEach((org, rows) -> {
            if (rows.isEmpty()) {
                return;
            }
            String csv = "name,idNumber,orgCode,unitName\n" + String.join("\n", rows) + "\n";
            JsonNode r = as(org, "staff").postCsv("/api/v1/welfare/enrolments/import?programCode=" + program
                    + "&year=" + Plan.YEAR, csv, PREFIX + "-" + program + "-" + org).require("enrol " + program);
            if (r.path("rejected").asInt() != 0 || r.path("accepted").asInt() + r.path("duplicates").asInt()
                    != rows.size()) {
                throw new DemoException("enrolment import " + program + " at " + org + ": " + r);
            }
            enrolmentsDone.incrementAndGet();
        }));
    }

    /** Model-worker titles reach welfare's registry over Kafka: wait until every demo model worker is there. */
    private void waitForRegistry() {
        Api staff = as("ld", "staff");
        Map<String, Integer> wanted = new HashMap<>();
        plan.modelWorkers.forEach(m -> wanted.put(Plan.modelWorkerKey(m.name(), m.unitName(), m.org()), m.no()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            for (int page = 0;; page++) {
                JsonNode p = staff.get("/api/v1/welfare/model-workers?size=200&page=" + page)
                        .require("list model workers");
                p.path("items").forEach(m -> {
                    Integer no = wanted.get(Plan.modelWorkerKey(m.path("name").asText(), m.path("unitName").asText(),
                            m.path("orgCode").asText()));
                    if (no != null) {
                        modelWorkerIds.put(no, m.path("id").asText());
                    }
                });
                if ((page + 1) * 200L >= p.path("total").asLong()) {
                    break;
                }
            }
            if (modelWorkerIds.size() == wanted.size()) {
                say("model-worker registry in welfare: " + wanted.size() + " demo model workers arrived over Kafka");
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new DemoException("only " + modelWorkerIds.size() + " of " + wanted.size()
                        + " model workers reached welfare's registry in 120 s (is Kafka up?)");
            }
            Api.sleep(500);
        }
    }

    // ------------------------------------------------------------------ hardship files and grants

    /** Items in chunks of at most {@value #BATCH}, grouped by a key (org, or org and program), in plan order. */
    static <T> List<List<T>> chunks(List<T> items, Function<T, String> group) {
        Map<String, List<T>> groups = new LinkedHashMap<>();
        items.forEach(i -> groups.computeIfAbsent(group.apply(i), k -> new ArrayList<>()).add(i));
        List<List<T>> chunks = new ArrayList<>();
        groups.values().forEach(g -> {
            for (int from = 0; from < g.size(); from += BATCH) {
                chunks.add(g.subList(from, Math.min(g.size(), from + BATCH)));
            }
        });
        return chunks;
    }

    /** A county's clerk opens and verifies a chunk of files with the batch endpoints; a past run's files are reused. */
    private void openCases(List<CaseFile> chunk) {
        Api staff = as(chunk.get(0).org(), "staff");
        Reply created = staff.post("/api/v1/welfare/cases/batch", Map.of("items", chunk.stream().map(
                DemoLoader::caseBody).toList()));
        if (created.status() == 409) {
            // some files exist from an earlier run: one by one, reusing the existing ones
            chunk.forEach(this::openCase);
            return;
        }
        JsonNode items = created.require("open " + chunk.size() + " hardship files").path("items");
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.path("id").asText()));
        staff.post("/api/v1/welfare/cases/batch/verify", Map.of("ids", ids, "note", "入户核实"))
                .require("verify " + ids.size() + " hardship files");
        for (int i = 0; i < chunk.size(); i++) {
            caseIds.put(chunk.get(i).no(), ids.get(i));
        }
        casesDone.addAndGet(chunk.size());
    }

    private void openCase(CaseFile c) {
        Api staff = as(c.org(), "staff");
        Reply created = staff.post("/api/v1/welfare/cases", caseBody(c));
        String id;
        if (created.status() == 409 && created.body().hasNonNull("existingId")) {
            id = created.body().path("existingId").asText();
        } else {
            id = created.require("open the hardship file of case " + c.no()).path("id").asText();
        }
        if (!"VERIFIED".equals(staff.get("/api/v1/welfare/cases/" + id).body().path("status").asText())) {
            staff.post("/api/v1/welfare/cases/" + id + "/verify", Map.of("note", "入户核实"))
                    .require("verify case " + c.no());
        }
        caseIds.put(c.no(), id);
        casesDone.incrementAndGet();
    }

    private static Map<String, Object> caseBody(CaseFile c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", c.kind());
        body.put("name", c.name());
        body.put("idNumber", c.idNumber());
        body.put("creditCode", c.creditCode());
        body.put("orgCode", c.org());
        body.put("hardships", c.hardships());
        body.put("householdSize", c.householdSize());
        body.put("monthlyIncomeFen", c.monthlyIncomeFen());
        body.put("notes", c.notes());
        return body;
    }

    private Map<String, Object> body(Grant g, String caseId, String modelWorkerId, String activityId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("programCode", g.program());
        body.put("fundId", funds.get(g.org() + "|" + g.program()));
        body.put("caseId", caseId);
        body.put("modelWorkerId", modelWorkerId);
        body.put("amountFen", g.amountFen());
        body.put("quantity", g.quantity());
        body.put("activityId", activityId);
        body.put("details", g.details());
        return body;
    }

    /**
     * One chunk of grants of one org and program, as the county's clerks would do it with the batch endpoints: the
     * clerk submits, reviewer A approves, reviewer B gives the second approval above the threshold, finance pays.
     * The keys are derived from the chunk, so a repeated run replays instead of submitting again; when a step finds
     * the applications in another state (an interrupted earlier run), each one is taken forward on its own.
     */
    private void grants(List<Grant> chunk, Function<Grant, Map<String, Object>> bodyOf) {
        grantsReady.join();
        Grant first = chunk.get(0);
        String org = first.org();
        String chunkKey = first.program() + "-" + first.key() + "-" + chunk.size();
        List<Map<String, Object>> items = chunk.stream().map(bodyOf).toList();
        JsonNode views = null;
        for (int attempt = 0; views == null; attempt++) {
            Reply r = as(org, "staff").post("/api/v1/welfare/applications/batch", Map.of("items", items),
                    PREFIX + "-batch-" + chunkKey);
            // a visit's activity-completed event may still be on its way to welfare
            if (r.status() == 422 && r.body().path("type").asText().endsWith("unknown-activity") && attempt < 120) {
                Api.sleep(500);
                continue;
            }
            views = r.require("submit " + chunk.size() + " " + first.program() + " grants at " + org).path("items");
        }
        Map<String, String> status = new LinkedHashMap<>();
        views.forEach(v -> status.put(v.path("id").asText(), v.path("status").asText()));
        for (String reviewer : List.of("reviewer-a", "reviewer-b")) {
            List<String> submitted = idsIn(status, "SUBMITTED");
            if (submitted.isEmpty()) {
                break;
            }
            Reply r = reviewer(org, reviewer).post("/api/v1/welfare/applications/batch/approve",
                    Map.of("ids", submitted));
            if (!r.ok()) {
                oneByOne(chunk, status.keySet());
                return;
            }
            r.body().path("items").forEach(v -> status.put(v.path("id").asText(), v.path("status").asText()));
        }
        List<String> approved = idsIn(status, "APPROVED");
        if (!approved.isEmpty()) {
            Reply r = as(org, "finance").post("/api/v1/welfare/applications/batch/pay", Map.of("ids", approved),
                    PREFIX + "-batch-pay-" + chunkKey);
            if (!r.ok()) {
                oneByOne(chunk, status.keySet());
                return;
            }
            r.body().path("items").forEach(v -> status.put(v.path("id").asText(), v.path("status").asText()));
        }
        if (idsIn(status, "PAID").size() != chunk.size()) {
            oneByOne(chunk, status.keySet());
            return;
        }
        grantsDone.addAndGet(chunk.size());
    }

    private static List<String> idsIn(Map<String, String> status, String state) {
        return status.entrySet().stream().filter(e -> e.getValue().equals(state)).map(Map.Entry::getKey).toList();
    }

    /** Takes each application of the chunk to PAID from whatever state it is in now. */
    private void oneByOne(List<Grant> chunk, java.util.Collection<String> ids) {
        List<String> list = new ArrayList<>(ids);
        for (int i = 0; i < chunk.size(); i++) {
            Grant g = chunk.get(i);
            String id = list.get(i);
            Api staff = as(g.org(), "staff");
            JsonNode app = staff.get("/api/v1/welfare/applications/" + id).require("read " + g.key());
            for (int step = 0; step < 4 && "SUBMITTED".equals(app.path("status").asText()); step++) {
                String reviewer = app.path("approvals").size() == 0 ? "reviewer-a" : "reviewer-b";
                Reply r = reviewer(g.org(), reviewer).post("/api/v1/welfare/applications/" + id + "/approve", null);
                app = r.status() == 409 ? staff.get("/api/v1/welfare/applications/" + id).require("read " + g.key())
                        : r.require("approve " + g.key());
            }
            if ("APPROVED".equals(app.path("status").asText())) {
                app = as(g.org(), "finance").post("/api/v1/welfare/applications/" + id + "/pay", null,
                        PREFIX + "-pay-" + g.key()).require("pay " + g.key());
            }
            if (!"PAID".equals(app.path("status").asText())) {
                throw new DemoException(g.key() + " ended " + app.path("status").asText() + ": " + app);
            }
            grantsDone.incrementAndGet();
        }
    }

    // ------------------------------------------------------------------ volunteering

    /** Communities, volunteers, seven teams, a weekly rotation over 2016 and its completed visits; visits by org. */
    private Map<String, List<String>> volunteering() {
        Api coordinator = as("ld", "coordinator");
        Map<String, String> communityIds = listNames(coordinator, "/api/v1/volunteer/communities");
        Map<String, String> communityOrg = new HashMap<>();
        for (Plan.Community c : plan.communities) {
            if (!communityIds.containsKey(c.name())) {
                communityIds.put(c.name(), coordinator.post("/api/v1/volunteer/communities", Map.of("name", c.name(),
                        "orgCode", c.org(), "address", c.address())).require("create community").path("id").asText());
            }
            communityOrg.put(communityIds.get(c.name()), c.org());
        }
        List<String> volunteerIds = new ArrayList<>();
        for (Plan.Volunteer v : plan.volunteers) {
            Reply r = coordinator.post("/api/v1/volunteer/volunteers", Map.of("name", v.name(), "phone", v.phone(),
                    "idNumber", v.idNumber(), "orgCode", v.org(), "skills", v.skills()));
            volunteerIds.add(r.status() == 409 && r.body().hasNonNull("existingId")
                    ? r.body().path("existingId").asText() : r.require("register volunteer").path("id").asText());
        }
        Map<String, String> teamIds = listNames(coordinator, "/api/v1/volunteer/teams");
        List<String> teams = new ArrayList<>();
        for (Plan.Team t : plan.teams) {
            if (!teamIds.containsKey(t.name())) {
                teamIds.put(t.name(), coordinator.post("/api/v1/volunteer/teams", Map.of("name", t.name(),
                        "leaderId", volunteerIds.get(t.leader()), "orgCode", t.org(), "memberIds",
                        t.members().stream().map(volunteerIds::get).toList())).require("create team").path("id")
                        .asText());
            }
            teams.add(teamIds.get(t.name()));
        }
        List<JsonNode> visits = visits(coordinator, teams);
        if (visits.isEmpty()) {
            Map<String, Object> rotation = new LinkedHashMap<>();
            rotation.put("teamIds", teams);
            rotation.put("communityIds", plan.communities.stream().map(c -> communityIds.get(c.name())).toList());
            rotation.put("firstWeek", Plan.YEAR + "-01-04");
            rotation.put("weeks", Plan.WEEKS);
            rotation.put("weekday", "SATURDAY");
            rotation.put("startTime", "09:00");
            rotation.put("durationMinutes", 180);
            rotation.put("capacity", 12);
            rotation.put("kind", "CONDOLENCE_VISIT");
            rotation.put("orgCode", "ld");
            coordinator.post("/api/v1/volunteer/rotations", rotation).require("plan the 2016 rotation");
            visits = visits(coordinator, teams);
        }
        Map<String, List<String>> byOrg = new TreeMap<>();
        for (JsonNode a : visits) {
            String id = a.path("id").asText();
            if ("OPEN".equals(a.path("status").asText())) {
                coordinator.post("/api/v1/volunteer/activities/" + id + "/complete", Map.of())
                        .require("complete visit " + id);
            }
            visitsDone.incrementAndGet();
            byOrg.computeIfAbsent(communityOrg.get(a.path("communityId").asText()), k -> new ArrayList<>()).add(id);
        }
        say("volunteering: " + teams.size() + " teams rotated weekly over " + plan.communities.size()
                + " communities: " + visits.size() + " visits completed");
        return byOrg;
    }

    private List<JsonNode> visits(Api coordinator, List<String> teams) {
        List<JsonNode> visits = new ArrayList<>();
        String window = "from=" + enc(Plan.YEAR + "-01-01T00:00:00+08:00") + "&to="
                + enc((Plan.YEAR + 1) + "-01-01T00:00:00+08:00");
        for (int page = 0;; page++) {
            JsonNode p = coordinator.get("/api/v1/volunteer/activities?" + window + "&size=200&page=" + page)
                    .require("list visits");
            p.path("items").forEach(a -> {
                if (teams.contains(a.path("teamId").asText())) {
                    visits.add(a);
                }
            });
            if ((page + 1) * 200L >= p.path("total").asLong()) {
                return visits;
            }
        }
    }

    private static Map<String, String> listNames(Api api, String path) {
        Map<String, String> ids = new HashMap<>();
        for (int page = 0;; page++) {
            JsonNode p = api.get(path + "?size=200&page=" + page).require("list " + path);
            p.path("items").forEach(i -> ids.putIfAbsent(i.path("name").asText(), i.path("id").asText()));
            if ((page + 1) * 200L >= p.path("total").asLong()) {
                return ids;
            }
        }
    }

    // ------------------------------------------------------------------ the report

    /** The report; asked again while a section is missing (a service slower than the report's timeout). */
    static JsonNode report(Api api) {
        JsonNode report = null;
        for (int attempt = 0; attempt < 10 && (report == null || report.path("partial").asBoolean()); attempt++) {
            report = api.get("/api/v1/reports/annual/" + Plan.YEAR).require("annual report " + Plan.YEAR);
        }
        return report;
    }

    /** The report once the last events (aid paid on visits, seen by volunteer) have arrived; 60 s at most. */
    private JsonNode settledReport(Map<String, Long> expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode report = report(firstAdmin);
            List<String> wrong = mismatches(report, expected);
            if (wrong.isEmpty()) {
                return report;
            }
            if (System.nanoTime() > deadline) {
                say("the report still differs from the plan: " + wrong);
                return report;
            }
            Api.sleep(500);
        }
    }

    /** Report paths whose value differs from the expected one, as "path: got X, want Y". */
    public static List<String> mismatches(JsonNode report, Map<String, Long> expected) {
        Map<String, Long> figures = flatten(report);
        List<String> wrong = new ArrayList<>();
        expected.forEach((path, want) -> {
            Long got = figures.get(path);
            if (!want.equals(got)) {
                wrong.add(path + ": got " + got + ", want " + want);
            }
        });
        return wrong;
    }

    /** Every number of the report's three sections by its path, e.g. {@code welfare.studentAid.children}. */
    public static Map<String, Long> flatten(JsonNode report) {
        Map<String, Long> figures = new TreeMap<>();
        for (String section : List.of("honors", "welfare", "volunteer")) {
            flatten(section, report.path(section), figures);
        }
        return figures;
    }

    private static void flatten(String path, JsonNode node, Map<String, Long> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(path + "." + e.getKey(), e.getValue(), into));
        } else if (node.isNumber()) {
            into.put(path, node.asLong());
        }
    }

    // ------------------------------------------------------------------ plumbing

    private void progress() {
        int grants = plan.modelWorkerGrants.size() + plan.communityAid.size()
                + plan.caseGrants.values().stream().mapToInt(List::size).sum();
        int imports = plan.enrolments.values().stream().mapToInt(m -> (int) m.values().stream()
                .filter(l -> !l.isEmpty()).count()).sum();
        say(String.format("  %3d s  hardship files %d/%d  grants paid %d/%d  enrolment imports %d/%d  visits %d/%d",
                elapsedMillis() / 1000, casesDone.get(), plan.cases.size(), grantsDone.get(), grants,
                enrolmentsDone.get(), imports, visitsDone.get(), Plan.WEEKS));
    }

    private void parallel(List<Runnable> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())));
        try {
            tasks.stream().map(pool::submit).toList().forEach(DemoLoader::await);
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T await(Future<?> f) {
        try {
            return (T) f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new DemoException(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted");
        }
    }

    private long elapsedMillis() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
