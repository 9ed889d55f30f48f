#!/usr/bin/env python3
"""Writes bench/RESULTS.md from the files bench/run.sh left in its work folder: every figure, each against its goal.

A figure that was not measured (a run missing from results.jsonl, no rebuild or generation rate, no pgbench baseline)
is written as MISSING, listed on stderr, and makes this exit 1 after the report is written.

  report.py --verify FILE   exit 1 unless every row of FILE's goals table has a measured number (what .ci/run checks)
"""
import argparse
import json
import os
import platform
import re
import sys
import urllib.parse

MISSING = "MISSING"


def read(work, name, default=""):
    path = os.path.join(work, name)
    return open(path, encoding="utf-8").read() if os.path.exists(path) else default


def verify(path):
    """The goals table of a written report: every row measured (a number), none MISSING."""
    text = open(path, encoding="utf-8").read()
    table = text.split("## Goals", 1)[1].split("\n## ", 1)[0] if "## Goals" in text else ""
    rows = [line.split("|")[1:-1] for line in table.splitlines() if line.startswith("| ") and not line.startswith("| figure")]
    bad = [r[0].strip() for r in rows if MISSING in r[1] or not re.search(r"\d", r[1])]
    if not rows or bad:
        print(f"{path}: {len(rows)} goal rows, not measured: {', '.join(bad) or 'the goals table is missing'}", file=sys.stderr)
        return 1
    print(f"{path}: all {len(rows)} goal rows measured")
    return 0


def main():
    if sys.argv[1:2] == ["--verify"]:
        sys.exit(verify(sys.argv[2]))
    a = argparse.ArgumentParser()
    for flag in ["work", "out", "size", "commitments", "duration", "peak-rss-kb", "started", "load", "pg", "wrk", "dotnet", "marten"]:
        a.add_argument("--" + flag, required=True)
    args = a.parse_args()
    work = args.work

    runs = {}
    for line in read(work, "results.jsonl").splitlines():
        if line.strip():
            r = json.loads(line)
            runs[r["name"]] = r
    generate = json.loads(read(work, "generate.json", "{}") or "{}")
    rebuild = json.loads(read(work, "rebuild.json", "{}") or "{}")
    dataset = json.loads(read(work, "dataset.json", "{}") or "{}")
    meminfo = read("/proc", "meminfo")
    mem_gib = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1)) / 1024 / 1024
    cpu = re.search(r"model name\s*:\s*(.*)", read("/proc", "cpuinfo"))
    cpu = cpu.group(1).strip() if cpu else platform.processor()

    missing = []

    def r(name, key="rps"):
        value = runs.get(name, {}).get(key)
        if value is None:
            missing.append(f"{name}.{key}")
        return value

    def verdict(ok):
        return "**met**" if ok else "**missed**"

    def fmt(x, digits=1):
        return MISSING if x is None else f"{x:,.{digits}f}"

    rows = []  # figure, measured, goal, verdict

    def ratio_row(label, num, den, goal):
        if num is None or not den:
            rows.append((label, MISSING, f"≥ {goal}", "—"))
            return
        ratio = num / den
        rows.append((label, f"{ratio:.2f} ({num:,.0f} / {den:,.0f})", f"≥ {goal}", verdict(ratio >= goal)))

    ratio_row("Write 16 conn. ÷ pgbench insert 16 clients", r("write-16"), r("pgbench-16"), 0.4)
    ratio_row("Write 64 conn. ÷ pgbench insert 64 clients", r("write-64"), r("pgbench-64"), 0.4)
    ratio_row("Read GET /api/commitments/{id} ÷ bare endpoint (16 conn.)", r("read-16"), r("bare-16"), 0.5)

    def floor_row(label, num, den):
        if num is None or not den:
            rows.append((label, MISSING, "(floor)", "—"))
            return
        rows.append((label, f"{num / den:.2f} ({num:,.0f} / {den:,.0f})", "(floor, no goal)", "—"))

    floor_row("Floor: bare insert endpoint 16 conn. ÷ pgbench insert 16 clients", r("bare-insert-16"), r("pgbench-16"))
    floor_row("Floor: bare insert endpoint 64 conn. ÷ pgbench insert 64 clients", r("bare-insert-64"), r("pgbench-64"))
    floor_row("Floor: bare `select 1` endpoint ÷ bare endpoint (16 conn.)", r("bare-db-16"), r("bare-16"))
    floor_row("Write 16 conn. ÷ bare insert endpoint 16 conn.", r("write-16"), r("bare-insert-16"))
    floor_row("Read 16 conn. ÷ bare `select 1` endpoint 16 conn.", r("read-16"), r("bare-db-16"))
    for name, label in [("gql-stats-member", "GraphQL commitmentStats by Member, p95"),
                        ("gql-stats-policy-area", "GraphQL commitmentStats by PolicyArea, p95"),
                        ("gql-stats-member-uncached", "… by Member, cache off (every request aggregates), p95"),
                        ("gql-stats-policy-area-uncached", "… by PolicyArea, cache off, p95"),
                        ("gql-nested", "GraphQL 3-level nested connection, p95")]:
        p95 = r(name, "p95")
        rows.append((label, f"{fmt(p95)} ms", "< 100 ms", "—" if p95 is None else verdict(p95 < 100)))
    for name, label in [("search-ka", "Search q in Georgian, p95"), ("search-latin", "Search q in Latin, p95"),
                        ("search-ka-uncached", "… in Georgian, cache off (every request counts its matches), p95"),
                        ("search-latin-uncached", "… in Latin, cache off, p95")]:
        p95 = r(name, "p95")
        rows.append((label, f"{fmt(p95)} ms", "< 50 ms", "—" if p95 is None else verdict(p95 < 50)))
    eps = rebuild.get("eventsPerSecond")
    for name, label, goal in [("site-commitment", "Site: commitment page `/commitments/{id}`, p95", 50),
                              ("site-dashboard", "Site: dashboard page `/dashboard`, p95", 100)]:
        p95 = r(name, "p95")
        rows.append((label, f"{fmt(p95)} ms", f"< {goal} ms", "—" if p95 is None else verdict(p95 < goal)))
    weight = json.loads(read(work, "site-weight.json", "{}") or "{}")
    if weight:
        kb = weight["total"] / 1024
        rows.append((f"Site: commitment page weight (HTML + CSS, {weight['scripts']} scripts; {weight['id']}, the most milestones)",
                     f"{kb:.1f} KB ({weight['html']:,} + {weight['css']:,} bytes)", "< 100 KB", verdict(kb < 100)))
    else:
        missing.append("site-weight")
        rows.append(("Site: commitment page weight (HTML + CSS + script)", MISSING, "< 100 KB", "—"))
    if eps is None:
        missing.append("rebuild.eventsPerSecond")
    rows.append(("Projection rebuild of every read model", f"{fmt(eps, 0)} events/s", "≥ 20,000 events/s",
                 "—" if eps is None else verdict(eps >= 20000)))
    geps = generate.get("eventsPerSecond")
    if geps is None:
        missing.append("generate.eventsPerSecond")
    rows.append(("Data generation through the event store", f"{fmt(geps, 0)} events/s", "≥ 10,000 events/s",
                 "—" if geps is None else verdict(geps >= 10000)))

    o = []
    o.append("# Benchmark results\n")
    o.append(f"Produced by `bash bench/run.sh --size {args.size}` (started {args.started}). "
             f"{int(args.commitments):,} commitments, {args.duration} s per load run.\n")
    o.append(f"Load average (1/5/15 min) at start / end: {args.load}. The load runs count the benchmark's own processes "
             "(wrk, the API, PostgreSQL); each load run below records the 1-minute load average when it ended. This host is "
             "a virtual machine whose speed varies with its neighbours (CPU steal), so each goal compares figures taken in "
             "the same run.\n")
    o.append("## Machine and versions\n")
    o.append("| | |\n|---|---|")
    o.append(f"| CPU | {os.cpu_count()} cores (`nproc`), {cpu} |")
    o.append(f"| Memory | {mem_gib:.1f} GiB (`/proc/meminfo` MemTotal) |")
    o.append(f"| OS | {platform.system()} {platform.release()} |")
    o.append(f"| .NET SDK | {args.dotnet} |")
    o.append(f"| PostgreSQL | {args.pg} (throwaway server from `deploy/local-postgres.sh`, fsync on, shared_buffers 256MB) |")
    o.append(f"| Marten | {args.marten} |")
    o.append(f"| wrk | {args.wrk} |\n")

    o.append("## Goals\n")
    o.append("| figure | measured | goal | verdict |\n|---|---|---|---|")
    o.extend(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows)
    o.append("")

    o.append("## Data set\n")
    if dataset:
        o.append(f"{dataset.get('members', 0):,} members, {dataset.get('plans', 0):,} action plans, "
                 f"{dataset.get('commitments', 0):,} commitments, {dataset.get('milestones', 0) or 0:,} milestones, "
                 f"{dataset.get('csoStreams', 0):,} CSO assessment streams, **{dataset.get('events', 0):,} events**; "
                 f"database {dataset.get('databaseSize')}.\n")
        o.append("| event type | count |\n|---|---|")
        o.extend(f"| {t} | {n:,} |" for t, n in (dataset.get("eventTypes") or {}).items())
        o.append("")
    if generate:
        o.append(f"Generated with `CommitmentTracker.Generator generate --commitments {args.commitments} --seed 42`: "
                 f"{generate.get('appended', 0):,} events in {generate.get('seconds', 0):,.0f} s, "
                 f"**{generate.get('eventsPerSecond', 0):,} events/s** (batches of 500 commitments per session, two sessions "
                 "saving at once, inline projections on; latency probes excluded).\n")

    o.append("## Load runs (wrk, 2 threads)\n")
    o.append("| run | connections | requests/s | p50 ms | p95 ms | p99 ms | max ms | requests | non-2xx | socket errors | load |")
    o.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, x in runs.items():
        if name.startswith("pgbench"):
            continue
        o.append(f"| {name} | {x['connections']} | {x['rps']:,.1f} | {x['p50']:.2f} | {x['p95']:.2f} | {x['p99']:.2f} | "
                 f"{x['max']:.2f} | {x['requests']:,} | {x['non2xx']} | {x['socketErrors']} | {x.get('load', '')} |")
    o.append("")
    o.append("- **write-N**: `POST /api/commitments/{id}/milestones/{mid}/progress` on random commitments (not withdrawn), "
             "with a PoC key issued through `POST /api/api-keys` by the bootstrap admin key (`bench/lua/write.lua`).")
    o.append("- **read-16**: `GET /api/commitments/{id}` for random ids; **bare-16**: `GET /bench/bare`, a constant from the "
             "same host (only mapped when `Bench:BareEndpoint=true`); **bare-db-16**: `GET /bench/bare-db`, the same plus one "
             "`select 1` round trip on the request's Marten session; **bare-insert-N**: `POST /bench/bare-insert`, pgbench's "
             "single-row insert run by the same host. The floor rows of the goals table divide by these: what any read or "
             "write over HTTP and the connection pool reaches on this machine before the API does any work of its own.")
    o.append("- **site-commitment**: `GET /commitments/{id}?lang=en`, the public site's commitment page for random ids "
             "(`bench/lua/site-commitment.lua`); **site-dashboard**: `GET /dashboard?lang=en`, every chart of the dashboard. "
             "Both are rendered on the server (Razor static SSR); wrk's latency on loopback stands for the server time.")
    o.append("- **gql-***: `POST /graphql` with the documents in `bench/queries/`; **search-***: `GET /api/commitments?q=…&pageSize=20` "
             "(`q=მონიტორინგ`, a word stem, and `q=procurement`). The stats runs hit `CommitmentStatsCache` and the searches "
             "reuse their total from `CommitmentCountCache` (both exact: no event was appended during them); the `-uncached` "
             "runs are the same requests against the API restarted with `ResultCache:Enabled=false`, so every request runs "
             "the aggregate or counts its matches, as the first request after a write does.")
    for line in read(work, "search-matches.jsonl").splitlines():
        m = json.loads(line)
        o.append(f"  `q={urllib.parse.unquote(m['q'])}` matches {m.get('totalCount', 0):,} commitments.")
    o.append("")

    o.append("### Write baseline: pgbench on the same PostgreSQL\n")
    o.append("`pgbench -n -c N -j 2 -T duration -f bench/pgbench-insert.sql`: one single-row insert of a small JSON document per transaction.\n")
    o.append("| clients | tps | latency average ms |\n|---|---|---|")
    for c in (16, 64):
        x = runs.get(f"pgbench-{c}")
        if x:
            o.append(f"| {c} | {x['rps']:,.1f} | {x.get('latencyAverage', 0):.2f} |")
    o.append("")

    o.append("## Scaling: append latency per write as the store grows\n")
    o.append("Measured by the generator when the store passes each size: 200 single progress reports (after 20 warm-up writes), "
             "one after another, through the API's own write path (`StreamWrites`: stream row lock, decide, append, inline "
             "projection, Marten's folded state returned).\n")
    o.append("| checkpoint | events in store | writes | p50 ms | p95 ms | p99 ms | mean ms |\n|---|---|---|---|---|---|---|")
    for line in read(work, "latency.tsv").splitlines():
        f = line.split("\t")
        if len(f) == 7:
            o.append(f"| {int(f[0]):,} | {int(f[1]):,} | {f[2]} | {f[3]} | {f[4]} | {f[5]} | {f[6]} |")
    o.append("")
    o.append("Every step of a write is an index lookup by key, so its cost grows with log(n), not n. The indexes that keep it so:\n")
    o.extend(f"- `{line}`" for line in read(work, "indexes.txt").splitlines() if line.strip())
    o.append("")

    o.append("## Projection rebuild\n")
    if rebuild:
        parts = ", ".join(f"{k} {v:.1f} s" for k, v in rebuild.get("projections", {}).items())
        o.append(f"`CommitmentTracker.Generator rebuild`: one pass over the events, stream by stream, each folded by Marten's own "
                 f"aggregators and each document written once by COPY into the emptied tables, indexes built after, all in one "
                 f"transaction (phases: {parts}). Every read model from {rebuild.get('events', 0):,} events in {rebuild.get('seconds', 0):.1f} s: "
                 f"**{rebuild.get('eventsPerSecond', 0):,} events/s**; {rebuild.get('commitments', 0):,} commitments before and after.\n")

    o.append("## Memory\n")
    o.append(f"Peak RSS of the API process over the whole run (`VmHWM` in `/proc/<pid>/status`): "
             f"**{int(args.peak_rss_kb) / 1024:,.0f} MiB**.\n")

    plans = [(n, read(work, n + ".plan.txt")) for n in ("stats-member", "search-latin-page", "search-latin-count")]
    if any(p for _, p in plans):
        o.append("## Query plans at this size\n")
        for n, p in plans:
            if p:
                o.append(f"<details><summary>{n}</summary>\n\n```\n{p.strip()}\n```\n</details>\n")

    extra = read(os.path.dirname(os.path.abspath(__file__)), "NOTES.md")
    if extra:
        o.append(extra.strip() + "\n")

    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(o))
    if missing:
        print(f"report.py: {len(missing)} figure(s) not measured: {', '.join(sorted(set(missing)))}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
