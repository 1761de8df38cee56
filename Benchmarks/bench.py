#!/usr/bin/env python3
"""`make bench`: OrgReadiness ingest throughput against libxml2's own limit, and end-to-end cost.

For each size (employees; default 10k, 100k, 1M, or BENCH_SIZES=10k,100k; 2M is available):
  1. generate the sample exports once (cached under .build/bench-data/<size>/), and from the team
     metrics a second export whose measures are selected by attribute (`wd:Metric[@wd:name=...]`)
     and by name/value pair, read by a user-written mapping (Benchmarks/mappings/),
  2. stream each file with the C SAX2 baseline (gcc -O2), with OrgReadiness's reader alone
     (`ingest-bench ... reader`: libxml2, the compiled mapping and the captured values: the work
     the C program does) and with the whole ingest (`ingest-bench`: reader plus canonical records
     into the run's stores, as `orgready run` reads), interleaved, BENCH_ROUNDS rounds each
     (default 5; 3 for 1M and 2M), and report the medians and their ratios to C,
  3. run the whole nightly pipeline under /usr/bin/time -v: wall time, peak RSS, stage timings,
     and the wall time as a multiple of the C baseline parsing both inputs one after the other.
Ratios are measured side by side in one run because the machine is shared and noisy.
Results are printed and written to .build/bench/results.md and .build/bench/results.json.

Regressions: the ratios and peak memory are compared with the committed reference
(Benchmarks/reference.json); a figure more than 20% worse fails the benchmark (exit 1) and names
it. BENCH_ACCEPT=1 writes this run's figures as the new reference (commit it with the change that
explains them).
"""
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / ".build"
DATA = BUILD / "bench-data"
OUT = BUILD / "bench"
AS_OF = "2026-11-25"
SEED = 11
WORKERS_PER_LEADER = 8.455  # measured: --leaders 1200 gives 10,146 workers
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "2M": 2_000_000}
REFERENCE = ROOT / "Benchmarks/reference.json"
TOLERANCE = 0.20
INDICATOR_ELEMENTS = [
    "Review_Wait_Hours", "Decision_Latency_Days", "Approval_Share", "Leader_Execution_Share", "Escalations",
    "Engagement_Score", "Participation_Rate", "Voluntary_Attrition_Rate", "Absenteeism_Rate", "After_Hours_Share",
]
# (input file, mapping) pairs measured per size.
INPUTS = [
    ("job_history.xml", ROOT / "Pipelines/mappings/workday-raas-job-history.yml"),
    ("team_metrics.xml", ROOT / "Pipelines/mappings/workday-raas-team-metrics.yml"),
    ("team_metrics_by_attribute.xml", ROOT / "Benchmarks/mappings/team-metrics-by-attribute.yml"),
]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def build():
    print("building (release) ...", flush=True)
    run(["swift", "build", "-c", "release", "--product", "orgready"], cwd=ROOT)
    run(["swift", "build", "-c", "release", "--product", "ingest-bench"], cwd=ROOT)
    cflags = run(["pkg-config", "--cflags", "--libs", "libxml-2.0"]).stdout.split()
    OUT.mkdir(parents=True, exist_ok=True)
    run(["gcc", "-O2", str(ROOT / "Benchmarks/c-baseline/sax_baseline.c"), *cflags, "-o", str(OUT / "sax_baseline")])


def sample(size):
    folder = DATA / size
    stamp = folder / "stamp"
    leaders = round(SIZES[size] / WORKERS_PER_LEADER)
    expected = f"seed={SEED} leaders={leaders} as_of={AS_OF}"
    if stamp.exists() and stamp.read_text() == expected:
        if not (folder / "team_metrics_by_attribute.xml").exists():
            attribute_metrics(folder / "team_metrics.xml", folder / "team_metrics_by_attribute.xml")
        return folder
    print(f"generating {size} employees ({leaders} leaders) ...", flush=True)
    folder.mkdir(parents=True, exist_ok=True)
    run([str(BUILD / "release/orgready"), "sample", "--output", str(folder), "--seed", str(SEED),
         "--leaders", str(leaders), "--as-of", AS_OF, "--quiet"])
    attribute_metrics(folder / "team_metrics.xml", folder / "team_metrics_by_attribute.xml")
    stamp.write_text(expected)
    return folder


def attribute_metrics(source, target):
    """The team metrics with each indicator as `<wd:Metric wd:name="review_wait_hours">` and the
    headcount as a name/value pair (`<wd:Measure><wd:Code>HEADCOUNT</wd:Code><wd:Value>`): the same
    records in the shape many tenants' custom reports use."""
    element = re.compile(r"^(\s*)<wd:([A-Za-z_]+)>([^<]*)</wd:\2>$")
    indicators = set(INDICATOR_ELEMENTS)
    with open(source) as src, open(target, "w") as out:
        for line in src:
            m = element.match(line.rstrip("\n"))
            if m and m.group(2) in indicators:
                out.write(f'{m.group(1)}<wd:Metric wd:name="{m.group(2).lower()}">{m.group(3)}</wd:Metric>\n')
            elif m and m.group(2) == "Headcount":
                out.write(f"{m.group(1)}<wd:Measure><wd:Code>HEADCOUNT</wd:Code><wd:Value>{m.group(3)}</wd:Value></wd:Measure>\n")
            else:
                out.write(line)


def one_round(cmd):
    line = run(cmd).stdout.strip().splitlines()[-1].split()
    return int(line[0]), float(line[1]), int(line[2])


def throughput(path, mapping, rounds):
    """Median MB/s of the C baseline, the reader and the whole ingest, and the median C seconds."""
    c_rates, reader_rates, full_rates, c_seconds = [], [], [], []
    for _ in range(rounds):
        b, s, _ = one_round([str(OUT / "sax_baseline"), str(path), "1"])
        c_rates.append(b / s / 1e6)
        c_seconds.append(s)
        b, s, _ = one_round([str(BUILD / "release/ingest-bench"), str(path), str(mapping), "1", "reader"])
        reader_rates.append(b / s / 1e6)
        b, s, _ = one_round([str(BUILD / "release/ingest-bench"), str(path), str(mapping), "1"])
        full_rates.append(b / s / 1e6)
    c, r, f = statistics.median(c_rates), statistics.median(reader_rates), statistics.median(full_rates)
    return c, r, f, statistics.median(c_seconds)


def end_to_end(folder):
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = Path(tmp) / "bench.yml"
        pipeline.write_text(f"""version: 1
name: bench
inputs:
  - name: job_history
    path: {folder / 'job_history.xml'}
    mapping: {ROOT / 'Pipelines/mappings/workday-raas-job-history.yml'}
  - name: team_metrics
    path: {folder / 'team_metrics.xml'}
    mapping: {ROOT / 'Pipelines/mappings/workday-raas-team-metrics.yml'}
bootstrap: {{ seed: 1, resamples: 2000 }}
output: {tmp}/Reports
templates: {ROOT / 'Reports/templates'}
playbook: {ROOT / 'Pipelines/playbook.yml'}
""")
        env = dict(os.environ, ORGREADY_PSEUDONYM_KEY="bench-key-not-a-secret-0001")
        result = subprocess.run(["/usr/bin/time", "-v", str(BUILD / "release/orgready"), "run", str(pipeline),
                                 "--as-of", AS_OF, "--quiet"], text=True, capture_output=True, env=env)
        if result.returncode != 0:
            raise SystemExit(f"end-to-end run failed ({result.returncode}):\n{result.stderr}")
        wall = re.search(r"Elapsed \(wall clock\) time.*: (.+)", result.stderr).group(1).strip()
        parts = [float(p) for p in wall.split(":")]
        seconds = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
        rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
        manifest = json.loads((Path(result.stdout.strip()).parent / "manifest.json").read_text())
        stages = {s["stage"]: s["seconds"] for s in manifest["stages"]}
        records = sum(i["records_read"] for i in manifest["inputs"])
        return seconds, rss_kb / 1024, stages, records


# Ratios are compared only where the C baseline takes long enough to time reliably on a shared
# machine (the 10k files parse in tens of milliseconds; their ratios move by a third between runs).
MIN_C_SECONDS = 0.25


def figures_of(rows):
    """The figures the regression check compares: name -> (value, "higher" or "lower" is better)."""
    figures = {}
    for r in rows:
        if r["kind"] == "ingest":
            if r["mb"] / r["c"] < MIN_C_SECONDS:
                continue
            figures[f"{r['size']} {r['input']} ingest / C"] = (round(r["ingest"] / r["c"], 3), "higher")
            figures[f"{r['size']} {r['input']} reader / C"] = (round(r["reader"] / r["c"], 3), "higher")
        else:
            if r["c_both"] >= MIN_C_SECONDS:
                figures[f"{r['size']} end to end / C parse of both inputs"] = (round(r["times_c"], 3), "lower")
            figures[f"{r['size']} peak MiB"] = (round(r["rss"]), "lower")
    return figures


def regressions(figures):
    """Lines naming each figure more than TOLERANCE worse than the committed reference."""
    if not REFERENCE.exists():
        return [], ["no committed reference (Benchmarks/reference.json): BENCH_ACCEPT=1 make bench writes one"]
    reference = json.loads(REFERENCE.read_text())["figures"]
    failed, notes = [], []
    for name, (value, better) in figures.items():
        if name not in reference:
            notes.append(f"{name}: {value} (not in the reference)")
            continue
        old = reference[name]
        change = (value - old) / old if old else 0.0
        worse = -change if better == "higher" else change
        line = f"{name}: {value} against {old} in the reference ({change:+.0%})"
        (failed if worse > TOLERANCE else notes).append(line)
    return failed, notes


def main():
    if not Path("/usr/bin/time").exists():
        raise SystemExit("make bench needs GNU time: apt-get install -y time")
    sizes = os.environ.get("BENCH_SIZES", "10k,100k,1M").split(",")
    unknown = [size for size in sizes if size not in SIZES]
    if unknown:
        raise SystemExit(f"BENCH_SIZES: unknown size {', '.join(unknown)}; choose from {', '.join(SIZES)}")
    started = time.time()
    build()
    rows = []
    for size in sizes:
        folder = sample(size)
        rounds = int(os.environ.get("BENCH_ROUNDS", "3" if SIZES[size] >= 1_000_000 else "5"))
        c_seconds = {}
        for name, mapping in INPUTS:
            path = folder / name
            mb = path.stat().st_size / 1e6
            c, r, f, seconds = throughput(path, mapping, rounds)
            c_seconds[name] = seconds
            rows.append(dict(kind="ingest", size=size, input=name, mb=mb, c=c, reader=r, ingest=f))
            print(f"{size:>5} {name:<29} {mb:9.1f} MB  C {c:7.1f} MB/s  reader {r:7.1f} MB/s ({r / c:4.2f})  ingest {f:7.1f} MB/s ({f / c:4.2f})", flush=True)
        seconds, rss, stages, records = end_to_end(folder)
        c_both = c_seconds["job_history.xml"] + c_seconds["team_metrics.xml"]
        rows.append(dict(kind="end-to-end", size=size, seconds=seconds, rss=rss, stages=stages, records=records,
                         c_both=c_both, times_c=seconds / c_both))
        print(f"{size:>5} end-to-end: {seconds:.1f} s wall ({seconds / c_both:.2f}x the C parse of both inputs, {c_both:.1f} s), "
              f"{rss:.0f} MiB peak RSS, {records} records; stages {stages}", flush=True)
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.node()} "
        f"({os.cpu_count()} cores, {platform.machine()}, libxml2 {run(['pkg-config', '--modversion', 'libxml-2.0']).stdout.strip()}), "
        f"`make bench` (BENCH_SIZES={','.join(sizes)}), medians of interleaved rounds.",
        "",
        "| size | input | MB | C SAX2 MB/s | reader MB/s | reader / C | ingest MB/s | ingest / C |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if r["kind"] == "ingest":
            lines.append(f"| {r['size']} | {r['input']} | {r['mb']:.1f} | {r['c']:.1f} | {r['reader']:.1f} | "
                         f"{r['reader'] / r['c']:.2f} | {r['ingest']:.1f} | {r['ingest'] / r['c']:.2f} |")
    lines += ["", "| size | records | wall time (s) | C parse of both inputs (s) | wall / C | peak RSS (MiB) | slowest stages (s) |",
              "|---|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        if r["kind"] == "end-to-end":
            top = ", ".join(f"{k} {v:.2f}" for k, v in sorted(r["stages"].items(), key=lambda kv: -kv[1])[:4])
            lines.append(f"| {r['size']} | {r['records']} | {r['seconds']:.1f} | {r['c_both']:.1f} | {r['times_c']:.2f} | {r['rss']:.0f} | {top} |")
    figures = figures_of(rows)
    failed, notes = regressions(figures)
    lines += ["", f"Against the committed reference (a figure more than {TOLERANCE:.0%} worse fails):"]
    lines += [f"- REGRESSED {line}" for line in failed] + [f"- {line}" for line in notes]
    lines.append(f"\nBenchmark wall time: {time.time() - started:.0f} s")
    text = "\n".join(lines) + "\n"
    (OUT / "results.md").write_text(text)
    (OUT / "results.json").write_text(json.dumps({"measured": time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()),
                                                  "figures": {k: v for k, (v, _) in figures.items()}}, indent=2) + "\n")
    print("\n" + text)
    if os.environ.get("BENCH_ACCEPT") == "1":
        reference = json.loads(REFERENCE.read_text())["figures"] if REFERENCE.exists() else {}
        reference.update({k: v for k, (v, _) in figures.items()})
        REFERENCE.write_text(json.dumps({"measured": time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()),
                                         "machine": f"{os.cpu_count()} cores {platform.machine()}",
                                         "figures": dict(sorted(reference.items()))}, indent=2) + "\n")
        print(f"wrote {REFERENCE.relative_to(ROOT)}: commit it with the change that explains the figures")
    elif failed:
        print(f"make bench: {len(failed)} figure(s) regressed more than {TOLERANCE:.0%} against Benchmarks/reference.json:",
              *failed, sep="\n  ", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
