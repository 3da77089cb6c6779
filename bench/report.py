#!/usr/bin/env python3
"""Aggregates bench/run's raw measurements (one JSON object per line) into results/latest.json, the results table in
bench/README.md (between the results markers) and an SVG plot of latency percentiles per scenario.
Medians over the runs; every ratio is taken between figures measured in the same bench run."""
import argparse, html, json, math, re, statistics, sys

ap = argparse.ArgumentParser()
ap.add_argument("raw")
for a in ["command", "date", "nproc", "load-before", "load-after", "knobs", "commit", "java", "gateway-path", "json",
          "readme", "svg"]:
    ap.add_argument("--" + a, required=True)
args = ap.parse_args()
rows = [json.loads(l) for l in open(args.raw) if l.strip()]
MIB = 1024


def med(xs):
    xs = [x for x in xs if x is not None]
    return round(statistics.median(xs), 3) if xs else None


def of(scenario, kind=None, path=None):
    return [r for r in rows if r["scenario"] == scenario and (kind is None or r.get("kind") == kind)
            and (path is None or r.get("path") == path)]


def goal(value, ok, text):
    return {"value": value, "goal": text, "met": (value is not None and ok(value))}


summary, goals, latency = {}, {}, {}

# ---- gateway overhead (issue 3)
def open_stats(rs):
    answered = [r for r in rs if r["ok"] > 0]  # a run without a 200 answer has no latency to take a median of
    st = {k: med([r[k] for r in answered]) for k in ("p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs")}
    st.update(sent=sum(r["sent"] for r in rs), errors=sum(r["errors"] for r in rs),
              over1s=sum(r["over1s"] for r in rs), runs=rs)
    return st


def diff(a, b, k):
    return round(b[k] - a[k], 3) if a[k] is not None and b[k] is not None else None


if of("gateway"):
    g, low = {}, {}
    for p in ("direct", "gateway"):
        g[p] = open_stats([r["result"] for r in of("gateway", "open", p) if r.get("goalRate", True)])
        low[p] = open_stats([r["result"] for r in of("gateway", "open", p) if not r.get("goalRate", True)])
        low[p]["rates"] = [r["rate"] for r in of("gateway", "open", p) if not r.get("goalRate", True)]
        w = of("gateway", "wrk", p)
        g[p]["wrkRps"] = [r["rps"] for r in w]
        g[p]["wrkRpsMedian"] = med(g[p]["wrkRps"])
        g[p]["wrkNon2xx"] = sum(r["non2xx"] for r in w)
        latency[f"GET one honor, {p}, 500/s"] = g[p]
        if low[p]["runs"]:
            latency[f"GET one honor, {p}, {low[p]['rates'][0]}/s"] = low[p]
    added = {k: diff(g["direct"], g["gateway"], k) for k in ("p50Ms", "p90Ms", "p99Ms")}
    added_low = {k: diff(low["direct"], low["gateway"], k) for k in ("p50Ms", "p90Ms", "p99Ms")} if low["direct"]["runs"] else None
    ratio = (round(g["gateway"]["wrkRpsMedian"] / g["direct"]["wrkRpsMedian"], 3)
             if g["direct"]["wrkRpsMedian"] else None)
    summary["gateway"] = {"request": "GET " + args.gateway_path, **g, "addedMs": added, "saturationRatio": ratio,
                          "belowCapacity": {"direct": low["direct"], "gateway": low["gateway"], "addedMs": added_low}}
    goals["gatewayAddedP50"] = goal(added["p50Ms"], lambda v: v <= 0.5, "<= 0.5 ms")
    goals["gatewayAddedP99"] = goal(added["p99Ms"], lambda v: v <= 2.0, "<= 2 ms")
    goals["gatewaySaturation"] = goal(ratio, lambda v: v >= 0.5, ">= 0.5x")

# ---- public roll vs constant JSON
if of("roll"):
    r = {p: [x["rps"] for x in of("roll", "wrk", p)] for p in ("roll", "constant")}
    ratio = round(med(r["roll"]) / med(r["constant"]), 3) if med(r["constant"]) else None
    summary["roll"] = {"rollRps": r["roll"], "constantRps": r["constant"], "rollRpsMedian": med(r["roll"]),
                       "constantRpsMedian": med(r["constant"]), "ratio": ratio,
                       "non2xx": sum(x["non2xx"] for x in of("roll"))}
    goals["rollVsConstant"] = goal(ratio, lambda v: v >= 0.5, ">= 0.5x")

# ---- submit vs pgbench
if of("submit"):
    s = [x["result"] for x in of("submit", "batch")]
    pg = [x["tps"] for x in of("submit", "pgbench")]
    tps = med([x["perSecond"] for x in s])
    ratio = round(tps / med(pg), 3) if tps and med(pg) else None
    statuses = {}
    for x in s:
        for k, v in x["status"].items():
            statuses[k] = statuses.get(k, 0) + v
    summary["submit"] = {"tps": [x["perSecond"] for x in s], "tpsMedian": tps, "pgbenchTps": pg,
                         "pgbenchTpsMedian": med(pg), "ratio": ratio, "status": statuses,
                         "p50Ms": med([x["p50Ms"] for x in s]), "p90Ms": med([x["p90Ms"] for x in s]),
                         "p99Ms": med([x["p99Ms"] for x in s]), "maxMs": med([x["maxMs"] for x in s])}
    latency["welfare application submit"] = summary["submit"]
    all201 = statuses.get("201", 0) == sum(x["requests"] for x in s)
    goals["submitVsPgbench"] = goal(ratio if all201 else None, lambda v: v >= 0.30, ">= 0.30x (and every submit 201)")

# ---- payouts on one fund
if of("payouts"):
    runs, checks = [], []
    for x in of("payouts"):
        f, led = x["fund"], x["ledger"]["sumByKind"]
        approved = x["approve"]["status"].get("200", 0)
        paid = x["pay"]["status"].get("200", 0)
        ok = {
            "approvedExactlyWhatFits": approved == min(x["fitting"], x["applications"]),
            "refusedRest409": x["approve"]["status"].get("409", 0) == x["applications"] - approved,
            "eachPaidOnce": paid == approved,
            "noOverspend": f["paidFen"] + f["committedFen"] <= f["budgetFen"] and f["availableFen"] >= 0,
            "ledgerPayoutsEqualPaid": led.get("PAYOUT", 0) == f["paidFen"] == paid * x["amountFen"],
            "ledgerBalances": led.get("BUDGET", 0) == f["budgetFen"]
            and led.get("COMMIT", 0) - led.get("RELEASE", 0) - led.get("PAYOUT", 0) == f["committedFen"],
        }
        checks.append(all(ok.values()))
        runs.append({"approve": x["approve"], "pay": x["pay"], "fund": f, "ledger": x["ledger"], "checks": ok})
    summary["payouts"] = {
        "applications": of("payouts")[0]["applications"], "fitting": of("payouts")[0]["fitting"],
        "approveTpsMedian": med([r["approve"]["perSecond"] for r in runs]),
        "approveP99Ms": med([r["approve"]["p99Ms"] for r in runs]),
        "payTpsMedian": med([r["pay"]["perSecond"] for r in runs]),
        "payP99Ms": med([r["pay"]["p99Ms"] for r in runs]), "runs": runs}
    latency["approve (commit on one fund)"] = {k: med([r["approve"][k] for r in runs]) for k in ("p50Ms", "p90Ms", "p99Ms", "maxMs")}
    latency["pay (two payouts per application)"] = {k: med([r["pay"][k] for r in runs]) for k in ("p50Ms", "p90Ms", "p99Ms", "maxMs")}
    goals["payoutsNoOverspend"] = goal(all(checks), lambda v: v, "no overspend, ledger = fund totals")


# ---- propagation (bench/propagation, h1): take its p99 wherever it reports one
def find_p99(d):
    if isinstance(d, dict):
        for k, v in d.items():
            if k.lower() in ("p99ms", "p99") and isinstance(v, (int, float)):
                return v
        for v in d.values():
            f = find_p99(v)
            if f is not None:
                return f
    return None


if of("propagation"):
    x = of("propagation")[0]
    if x["kind"] == "external":
        # bench/propagation's "fromResponse": conferral answered -> row visible in welfare's registry
        fr = x["result"].get("fromResponse") if isinstance(x["result"], dict) else None
        p99 = fr["p99"] if isinstance(fr, dict) and "p99" in fr else find_p99(x["result"])
        summary["propagation"] = {"p99Ms": p99, "source": "bench/propagation/run", "result": x["result"]}
        goals["propagationP99"] = goal(p99, lambda v: v <= 100, "<= 100 ms")
    else:
        summary["propagation"] = {"missing": x["why"]}
        goals["propagationP99"] = {"value": None, "goal": "<= 100 ms", "met": False, "note": x["why"]}

# ---- imports
if of("imports"):
    for kind, limit in (("enrolment", 20), ("honors", 10)):
        xs = of("imports", kind)
        if not xs:
            continue
        complete = all(x["http"] == 200 and x["answer"] and x["answer"].get("accepted") == x["rows"] for x in xs)
        secs = med([x["seconds"] for x in xs])
        summary[kind + "Import"] = {"rows": xs[0]["rows"], "seconds": [x["seconds"] for x in xs], "secondsMedian": secs,
                                    "complete": complete, "answers": [x["answer"] for x in xs]}
        goals[kind + "Import"] = goal(secs if complete else None, lambda v, l=limit: v < l, f"< {limit} s, all rows accepted")

# ---- JVMs: start-up from the logs; RSS after warm-up = after the first scenario (the gateway one: JIT and pools
# warm, no bulk import yet); the whole suite idle after the benchmark = the jvm scenario at the end
snaps = of("rss")
warm = next((x for x in snaps if x["after"] == "gateway"), snaps[0] if snaps else None)
if warm:
    summary["rssAfterWarmup"] = warm
    summary["rssPeakOfSnapshots"] = {svc: max(x["rssKiB"].get(svc, 0) for x in snaps) for svc in warm["rssKiB"]}
    for svc, kib in warm["rssKiB"].items():
        if svc != "kafka":
            goals[f"rss {svc}"] = goal(round(kib / MIB, 1), lambda v: v < 250, "< 250 MB after warm-up")
if of("jvm"):
    j = of("jvm")[-1]
    summary["jvm"] = j
    for svc, p in j["processes"].items():
        if svc != "kafka":
            goals[f"start {svc}"] = goal(p["startedInS"], lambda v: v < 2, "< 2 s")
    goals["suiteRss"] = goal(round(j["suiteRssKiB"] / MIB, 1), lambda v: v < 1536, "< 1.5 GiB (4 JVMs + Kafka)")

result = {"date": args.date, "command": args.command, "commit": args.commit, "knobs": args.knobs,
          "machine": {"nproc": int(args.nproc), "loadAverageBefore": args.load_before,
                      "loadAverageAfter": args.load_after, "java": args.java},
          "goals": goals, "scenarios": summary}
with open(args.json, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")


# ---- the Markdown table
def n(x, unit="", nd=2):
    return "n/a" if x is None else f"{x:,.{nd}f}{unit}"


def sg(x, unit=""):
    return "n/a" if x is None else f"{x:+,.2f}{unit}"


def yn(key):
    return "" if key not in goals else ("met" if goals[key]["met"] else "**NOT met**")


t = ["| scenario | measured | baseline (same run) | ratio / added | goal | |", "|---|---|---|---|---|---|"]
if "gateway" in summary:
    g = summary["gateway"]
    d, w = g["direct"], g["gateway"]
    t.append(f"| `{g['request']}` at 500 req/s open loop, p50 | gateway {n(w['p50Ms'], ' ms')} | direct {n(d['p50Ms'], ' ms')} | {sg(g['addedMs']['p50Ms'], ' ms')} | added <= 0.5 ms | {yn('gatewayAddedP50')} |")
    t.append(f"| same, p99 | gateway {n(w['p99Ms'], ' ms')} | direct {n(d['p99Ms'], ' ms')} | {sg(g['addedMs']['p99Ms'], ' ms')} | added <= 2 ms | {yn('gatewayAddedP99')} |")
    t.append(f"| same, errors / answers >= 1 s | gateway {w['errors']} / {w['over1s']} of {w['sent']} | direct {d['errors']} / {d['over1s']} of {d['sent']} | | | |")
    b = g["belowCapacity"]
    if b["addedMs"]:
        rates = "/".join(str(x) for x in b["direct"]["rates"])
        t.append(f"| same at {rates} req/s (0.4x direct capacity of the run), p50 | gateway {n(b['gateway']['p50Ms'], ' ms')} | direct {n(b['direct']['p50Ms'], ' ms')} | {sg(b['addedMs']['p50Ms'], ' ms')} | (added <= 0.5 ms) | |")
        t.append(f"| same at {rates} req/s, p99 | gateway {n(b['gateway']['p99Ms'], ' ms')} | direct {n(b['direct']['p99Ms'], ' ms')} | {sg(b['addedMs']['p99Ms'], ' ms')} | (added <= 2 ms) | |")
    t.append(f"| same at saturation (wrk) | gateway {n(w['wrkRpsMedian'], ' req/s', 0)} | direct {n(d['wrkRpsMedian'], ' req/s', 0)} | {n(g['saturationRatio'], 'x')} | >= 0.5x | {yn('gatewaySaturation')} |")
if "roll" in summary:
    r = summary["roll"]
    t.append(f"| public honor roll, direct (wrk) | {n(r['rollRpsMedian'], ' req/s', 0)} | `/bench/constant` {n(r['constantRpsMedian'], ' req/s', 0)} | {n(r['ratio'], 'x')} | >= 0.5x | {yn('rollVsConstant')} |")
if "submit" in summary:
    s = summary["submit"]
    t.append(f"| welfare application submit (p50 {n(s['p50Ms'], ' ms')}, p99 {n(s['p99Ms'], ' ms')}) | {n(s['tpsMedian'], ' tps', 0)} | pgbench simple-update {n(s['pgbenchTpsMedian'], ' tps', 0)} | {n(s['ratio'], 'x')} | >= 0.30x | {yn('submitVsPgbench')} |")
if "payouts" in summary:
    p = summary["payouts"]
    r0 = p["runs"][-1]
    t.append(f"| {p['applications']} approvals at once on one fund (budget fits {p['fitting']}) | {n(p['approveTpsMedian'], ' tps', 0)}, p99 {n(p['approveP99Ms'], ' ms')} | | approved {r0['approve']['status'].get('200', 0)}, 409 {r0['approve']['status'].get('409', 0)} | no overspend | {yn('payoutsNoOverspend')} |")
    t.append(f"| each approved one paid twice at once (different keys) | {n(p['payTpsMedian'], ' tps', 0)}, p99 {n(p['payP99Ms'], ' ms')} | | paid {r0['pay']['status'].get('200', 0)}, refused {sum(v for k, v in r0['pay']['status'].items() if k != '200')}; fund paid {r0['fund']['paidFen']} of budget {r0['fund']['budgetFen']} fen, ledger PAYOUT {r0['ledger']['sumByKind'].get('PAYOUT', 0)} | ledger = fund | |")
if "propagation" in summary:
    pr = summary["propagation"]
    t.append(f"| event propagation honor -> welfare registry, 50/s | p99 {n(pr.get('p99Ms'), ' ms')} | | | p99 <= 100 ms | {yn('propagationP99') if 'p99Ms' in pr else 'not measured: ' + pr.get('missing', '')} |")
for kind, label in (("enrolment", "CSV enrolment import"), ("honors", "honors historical import")):
    if kind + "Import" in summary:
        x = summary[kind + "Import"]
        t.append(f"| {label}, {x['rows']:,} rows | {n(x['secondsMedian'], ' s')} | | all accepted: {'yes' if x['complete'] else '**no**'} | {goals[kind + 'Import']['goal']} | {yn(kind + 'Import')} |")
if "jvm" in summary or warm:
    j = summary.get("jvm")
    w = warm["rssKiB"] if warm else {}
    peak = summary.get("rssPeakOfSnapshots", {})
    for svc in ("gateway", "honors-service", "welfare-service", "volunteer-service", "kafka"):
        started = j["processes"][svc]["startedInS"] if j and svc in j["processes"] else None
        end = j["processes"][svc]["rssKiB"] if j and svc in j["processes"] else None
        rss = f"RSS after warm-up {n(w[svc] / MIB, ' MB', 0) if svc in w else 'n/a'}, peak {n(peak[svc] / MIB, ' MB', 0) if svc in peak else 'n/a'}, end {n(end / MIB, ' MB', 0) if end else 'n/a'}"
        if svc == "kafka":
            t.append(f"| kafka | {rss} | | | | |")
        else:
            t.append(f"| {svc}: started in; {rss} | {n(started, ' s', 3)} | | | < 2 s; < 250 MB after warm-up | {yn('start ' + svc)}; {yn('rss ' + svc)} |")
    if j:
        t.append(f"| whole suite (4 JVMs + Kafka) RSS after the bench | {n(j['suiteRssKiB'] / MIB, ' MB', 0)} | | | < 1,536 MB | {yn('suiteRss')} |")

per_run = []
if "gateway" in summary:
    g = summary["gateway"]
    per_run.append("gateway open-loop p99 direct " + ", ".join(f"{r['p99Ms']:.2f}" for r in g["direct"]["runs"])
                   + " ms, via gateway " + ", ".join(f"{r['p99Ms']:.2f}" for r in g["gateway"]["runs"])
                   + " ms; wrk direct " + ", ".join(f"{x:.0f}" for x in g["direct"]["wrkRps"]) + ", via gateway "
                   + ", ".join(f"{x:.0f}" for x in g["gateway"]["wrkRps"]) + " req/s")
if "roll" in summary:
    per_run.append("roll " + ", ".join(f"{x:.0f}" for x in summary["roll"]["rollRps"]) + " vs constant "
                   + ", ".join(f"{x:.0f}" for x in summary["roll"]["constantRps"]) + " req/s")
if "submit" in summary:
    per_run.append("submit " + ", ".join(f"{x:.0f}" for x in summary["submit"]["tps"]) + " tps vs pgbench "
                   + ", ".join(f"{x:.0f}" for x in summary["submit"]["pgbenchTps"]) + " tps; submit answers "
                   + json.dumps(summary["submit"]["status"]))
for kind in ("enrolment", "honors"):
    if kind + "Import" in summary:
        per_run.append(f"{kind} import " + ", ".join(f"{x:.1f}" for x in summary[kind + "Import"]["seconds"]) + " s")

md = f"""<!-- results:start (generated by bench/run; edit outside the markers) -->
Last run: {args.date}, commit `{args.commit}`, command `{args.command}` ({args.knobs}).
Machine: nproc={args.nproc}, load average before {args.load_before}, after {args.load_after}; {args.java}.
Service JVMs: `{summary['jvm']['javaOpts'] if 'jvm' in summary else 'n/a'}`; gateway: `{summary['jvm'].get('gatewayJavaOpts', 'n/a') if 'jvm' in summary else 'n/a'}`. Medians over the runs; in each run a scenario and its baseline are measured back to back, the order alternating (the gateway's open loops: both paths by one generator in alternating 1 s turns).
Plot of the latency percentiles: [results/latest.svg](results/latest.svg); all figures: `results/latest.json`.

{chr(10).join(t)}

Per run: {'; '.join(per_run)}.
<!-- results:end -->"""
text = open(args.readme).read()
new, k = re.subn(r"<!-- results:start.*?<!-- results:end -->", lambda m: md, text, flags=re.S)
if k != 1:
    sys.exit("bench/README.md has no results markers")
open(args.readme, "w").write(new)
print(md)

# ---- SVG: p50 / p90 / p99 per scenario, log scale (self-contained: no plotting library needed)
series = [(name, [v.get("p50Ms"), v.get("p90Ms"), v.get("p99Ms")]) for name, v in latency.items()]
W, H, left, top, bottom = 860, 120 + 70 * len(series), 290, 60, 50
lo, hi = 0.1, max([x for _, vs in series for x in vs if x] + [10])
hi = 10 ** math.ceil(math.log10(hi))


def xpos(v):
    return left + (W - left - 30) * (math.log10(max(v, lo)) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))


colors = ["#4c78a8", "#f58518", "#e45756"]
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="10" y="22" font-size="15">Gonghui bench: latency percentiles (ms, log scale), {html.escape(args.date)}, commit {html.escape(args.commit)}</text>',
       f'<text x="10" y="40" fill="#555">load average before {html.escape(args.load_before)}; medians of the runs</text>']
d = lo
while d <= hi:
    x = xpos(d)
    svg.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{H - bottom}" stroke="#ddd"/>')
    svg.append(f'<text x="{x:.1f}" y="{H - bottom + 16}" text-anchor="middle">{d:g}</text>')
    d *= 10
for i, (name, vals) in enumerate(series):
    y0 = top + 10 + i * 70
    svg.append(f'<text x="{left - 8}" y="{y0 + 30}" text-anchor="end">{html.escape(name)}</text>')
    for j, (label, v) in enumerate(zip(("p50", "p90", "p99"), vals)):
        if v is None:
            continue
        y = y0 + j * 18
        svg.append(f'<rect x="{left}" y="{y}" width="{max(1, xpos(v) - left):.1f}" height="15" fill="{colors[j]}"/>')
        svg.append(f'<text x="{xpos(v) + 4:.1f}" y="{y + 12}">{label} {v:.1f}</text>')
svg.append(f'<text x="{left}" y="{H - 12}" fill="#555">bars: p50, p90, p99 (blue, orange, red)</text></svg>')
open(args.svg, "w").write("\n".join(svg) + "\n")
