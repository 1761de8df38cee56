#!/usr/bin/env python3
"""`make bench`: OrgReadiness ingest throughput against libxml2's own limit, and end-to-end cost.

For each size (employees; default 10k, 100k, 1M, or BENCH_SIZES=10k,100k):
  1. generate the sample exports once (cached under .build/bench-data/<size>/),
  2. stream each file with the C SAX2 baseline (gcc -O2), with OrgReadiness's reader alone
     (`ingest-bench ... reader`: libxml2, the compiled mapping and the captured values: the work
     the C program does) and with the whole ingest (`ingest-bench`: reader plus canonical records
     into the run's stores, as `orgready run` reads), interleaved, BENCH_ROUNDS rounds each
     (default 5; 3 for 1M), and report the medians and their ratios to C,
  3. run the whole nightly pipeline under /usr/bin/time -v: wall time, peak RSS, stage timings.
Ratios are measured side by side in one run because the machine is shared and noisy.
Results are printed and written to .build/bench/results.md.
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
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}


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
        return folder
    print(f"generating {size} employees ({leaders} leaders) ...", flush=True)
    folder.mkdir(parents=True, exist_ok=True)
    run([str(BUILD / "release/orgready"), "sample", "--output", str(folder), "--seed", str(SEED),
         "--leaders", str(leaders), "--as-of", AS_OF, "--quiet"])
    stamp.write_text(expected)
    return folder


def one_round(cmd):
    line = run(cmd).stdout.strip().splitlines()[-1].split()
    return int(line[0]), float(line[1]), int(line[2])


def throughput(path, mapping, rounds):
    c_rates, reader_rates, full_rates = [], [], []
    for _ in range(rounds):
        b, s, _ = one_round([str(OUT / "sax_baseline"), str(path), "1"])
        c_rates.append(b / s / 1e6)
        b, s, _ = one_round([str(BUILD / "release/ingest-bench"), str(path), str(mapping), "1", "reader"])
        reader_rates.append(b / s / 1e6)
        b, s, _ = one_round([str(BUILD / "release/ingest-bench"), str(path), str(mapping), "1"])
        full_rates.append(b / s / 1e6)
    c, r, f = statistics.median(c_rates), statistics.median(reader_rates), statistics.median(full_rates)
    return c, r, f


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


def main():
    if not Path("/usr/bin/time").exists():
        raise SystemExit("make bench needs GNU time: apt-get install -y time")
    sizes = os.environ.get("BENCH_SIZES", "10k,100k,1M").split(",")
    started = time.time()
    build()
    rows = []
    for size in sizes:
        folder = sample(size)
        rounds = int(os.environ.get("BENCH_ROUNDS", "3" if size == "1M" else "5"))
        for name, mapping in [("job_history.xml", "workday-raas-job-history"), ("team_metrics.xml", "workday-raas-team-metrics")]:
            path = folder / name
            mb = path.stat().st_size / 1e6
            c, r, f = throughput(path, ROOT / f"Pipelines/mappings/{mapping}.yml", rounds)
            rows.append((size, name, mb, c, r, f))
            print(f"{size:>5} {name:<17} {mb:9.1f} MB  C {c:7.1f} MB/s  reader {r:7.1f} MB/s ({r / c:4.2f})  ingest {f:7.1f} MB/s ({f / c:4.2f})", flush=True)
        seconds, rss, stages, records = end_to_end(folder)
        rows.append((size, "end-to-end", seconds, rss, stages, records))
        print(f"{size:>5} end-to-end: {seconds:.1f} s wall, {rss:.0f} MiB peak RSS, {records} records; stages {stages}", flush=True)
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.node()} "
        f"({os.cpu_count()} cores, {platform.machine()}, libxml2 {run(['pkg-config', '--modversion', 'libxml-2.0']).stdout.strip()}), "
        f"`make bench` (BENCH_SIZES={','.join(sizes)}), medians of interleaved rounds.",
        "",
        "| size | input | MB | C SAX2 MB/s | reader MB/s | reader / C | ingest MB/s | ingest / C |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if r[1] != "end-to-end":
            lines.append(f"| {r[0]} | {r[1]} | {r[2]:.1f} | {r[3]:.1f} | {r[4]:.1f} | {r[4] / r[3]:.2f} | {r[5]:.1f} | {r[5] / r[3]:.2f} |")
    lines += ["", "| size | records | wall time (s) | peak RSS (MiB) | slowest stages (s) |", "|---|---:|---:|---:|---|"]
    for r in rows:
        if r[1] == "end-to-end":
            top = ", ".join(f"{k} {v:.2f}" for k, v in sorted(r[4].items(), key=lambda kv: -kv[1])[:4])
            lines.append(f"| {r[0]} | {r[5]} | {r[2]:.1f} | {r[3]:.0f} | {top} |")
    lines.append(f"\nBenchmark wall time: {time.time() - started:.0f} s")
    text = "\n".join(lines) + "\n"
    (OUT / "results.md").write_text(text)
    print("\n" + text)


if __name__ == "__main__":
    main()
