#!/usr/bin/env python3
"""Meridian's benchmark driver: micro-benchmarks (Google Benchmark) and whole runs, with ratios
taken within the same invocation (the machines are shared and noisy: compare within a run,
never across runs)."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def micro(build, quick):
    """Event queue vs bare heap on the hold model, and the engine on the M/M/c example."""
    args = [os.path.join(build, "tools", "bench", "meridian_bench"), "--benchmark_format=json"]
    args.append("--benchmark_min_time=0.2" if quick else "--benchmark_repetitions=3")
    if not quick:
        args.append("--benchmark_report_aggregates_only=true")
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    rows = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("error_occurred"):
            sys.exit(f"benchmark {b['name']} failed: {b['error_message']}")
        if b.get("aggregate_name", "median") != "median":
            continue
        name = b["run_name"] if "run_name" in b else b["name"]
        rows[name] = b
    print("## Event queue, hold model (items/s; ratio = engine / bare binary heap, same run)\n")
    print("| pending events | engine EventQueue | bare std::priority_queue | ratio |")
    print("|---:|---:|---:|---:|")
    for n in (1000, 100000, 1000000):
        e = rows.get(f"BM_EngineEventQueue/{n}")
        h = rows.get(f"BM_BareBinaryHeap/{n}")
        if e and h:
            print(f"| {n:,} | {e['items_per_second']/1e6:.1f} M/s | {h['items_per_second']/1e6:.1f} M/s |"
                  f" {e['items_per_second']/h['items_per_second']:.2f} |")
    print("\n## One placement decision, the policy alone (ns; hand-built world, two load changes per decision)\n")
    sizes = (8, 64, 512, 2048)
    print("| policy | " + " | ".join(f"R={r}" for r in sizes) + " | R512/R64 | R2048/R512 |")
    print("|---|" + "---:|" * (len(sizes) + 2))
    for policy, bench in (("least-loaded", "BM_LeastLoadedDecision"), ("latency-aware", "BM_LatencyAwareDecision")):
        ns = {r: rows[f"{bench}/{r}"]["cpu_time"] for r in sizes if f"{bench}/{r}" in rows}
        if len(ns) == len(sizes):
            print(f"| {policy} | " + " | ".join(f"{ns[r]:.0f}" for r in sizes)
                  + f" | x{ns[512] / ns[64]:.2f} | x{ns[2048] / ns[512]:.2f} |")
    m = rows.get("BM_EngineMMc")
    if m:
        print(f"\nWhole engine, M/M/8 example, 4 h horizon, summary only: "
              f"{m['events_per_s']/1e6:.2f} M events/s\n")


GNU_TIME = "/usr/bin/time"


def timed(args, **kwargs):
    """Runs a command; returns (wall seconds, peak RSS MiB of that process alone, stdout).
    wait4 gives the rusage of this one child (RUSAGE_CHILDREN would be the largest child so
    far, such as the compiler that built a peer). But Linux starts a child's peak RSS at its
    parent's size when it forks, and exec keeps it: a child of this Python (tens of MiB once it
    has parsed a large summary) never reports less. So the command runs under GNU time (a small
    C program, about 2 MiB), which reports its own child's peak; without it, wait4's figure is
    an upper bound."""
    with tempfile.NamedTemporaryFile("r") as report:
        use_time = os.access(GNU_TIME, os.X_OK)
        command = [GNU_TIME, "-q", "-f", "%M", "-o", report.name] + args if use_time else args
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, **kwargs)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            sys.exit(f"{' '.join(args)} exited with {proc.returncode}")
        rss_kib = int(report.read().split()[-1]) if use_time else usage.ru_maxrss
    return wall, rss_kib / 1024, out


def whole_run(build, scenario, extra):
    """Wall time and peak RSS of one `meridian run`."""
    with tempfile.TemporaryDirectory() as out:
        wall, rss, _ = timed([os.path.join(build, "meridian"), "run", scenario, "--quiet", "-o", out] + extra, cwd=ROOT)
        summary = json.load(open(os.path.join(out, "summary.json")))
    tasks = summary["global"]["tasks"]["arrived"]
    events = summary["run"]["events"]
    return wall, rss, events, tasks


def versus_peer(build, reps=3):
    """XR-MMc (R=8, c=16, rho=0.8, 1e6 tasks, origin) against the peers of ../shared/peers, built
    into a temporary folder (never copied into this repository): the hand-written C++ DES, with
    interleaved repetitions, the ratio taken run by run, then the median; SimGrid and SimPy
    (when installed: libsimgrid-dev, python3-simpy), once each, as they take seconds."""
    peers = os.path.join(ROOT, "..", "shared", "peers")
    if not os.path.isdir(peers):
        print("(../shared/peers not found: peer comparison skipped)\n")
        return
    median = lambda xs: sorted(xs)[len(xs) // 2]
    args = ["--R", "8", "--n", "1e6", "--policy", "origin"]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["g++", "-O2", "-std=c++17", "-o", os.path.join(tmp, "xr_des"),
                        os.path.join(peers, "xr_des.cpp")], check=True)
        scenario = os.path.join(tmp, "xr.yaml")
        with open(scenario, "w") as f:
            subprocess.run([sys.executable, os.path.join(ROOT, "tools", "bench", "make_xr_mmc.py")], stdout=f, check=True)
        peer_run = lambda command: json.loads(subprocess.run(command + args, check=True, capture_output=True,
                                                             text=True).stdout.strip().splitlines()[-1])
        # Both timed as whole processes by this script (start, load, run, write, exit), and
        # also by their own timers (xr_des: set-up and run; Meridian: the engine's run).
        ratios, own_ratios, ours, theirs = [], [], [], []
        for _ in range(reps):
            peer_wall, _, out = timed([os.path.join(tmp, "xr_des")] + args)
            peer = json.loads(out.strip().splitlines()[-1])
            with tempfile.TemporaryDirectory() as run_out:
                wall, rss, _ = timed([os.path.join(build, "meridian"), "run", scenario, "--quiet", "-o", run_out], cwd=ROOT)
                summary = json.load(open(os.path.join(run_out, "summary.json")))
            events, tasks = summary["run"]["events"], summary["global"]["tasks"]["arrived"]
            ratios.append(wall / peer_wall)
            own_ratios.append(summary["run"]["wall_s"] / peer["wall_s"])
            ours.append(wall)
            theirs.append(peer_wall)
        others = []
        simgrid = subprocess.run(["pkg-config", "--cflags", "--libs", "simgrid"], capture_output=True, text=True)
        if simgrid.returncode == 0:
            subprocess.run(["g++", "-O2", "-std=c++17", "-o", os.path.join(tmp, "xr_simgrid"),
                            os.path.join(peers, "xr_simgrid.cpp")] + simgrid.stdout.split(), check=True)
            others.append(("SimGrid 3.32 (S4U actors)", [os.path.join(tmp, "xr_simgrid")]))
        else:
            print("(SimGrid not installed, apt-get install libsimgrid-dev: skipped)\n")
        # Debian's python3-simpy is for Debian's python3, which may not be the one running this.
        python = next((p for p in (sys.executable, "/usr/bin/python3")
                       if subprocess.run([p, "-c", "import SimPy"], capture_output=True).returncode == 0), None)
        if python:
            others.append(("SimPy 2.3 (processes)", [python, os.path.join(peers, "xr_simpy.py")]))
        else:
            print("(SimPy not installed, apt-get install python3-simpy: skipped)\n")
        rows = [("hand-written C++ DES (xr_des)", median(theirs), median(ratios))]
        for name, command in others:
            peer = peer_run(command)
            rows.append((name, peer["wall_s"], peer["wall_s"] / median(ours)))  # its own timer: generous to it
        print("## XR-MMc reference workload against its peers (same machine; R=8, c=16, rho=0.8, 1e6 tasks, origin)\n")
        print(f"Meridian: {median(ours):.3f} s for the whole process (load, run, write summary), "
              f"{events / median(ours) / 1e6:.1f} M events/s, {tasks / median(ours) / 1e6:.2f} M tasks/s, "
              f"peak RSS {rss:.0f} MiB.\n")
        print("| peer | peer wall s | ratio |")
        print("|---|---:|---:|")
        print(f"| {rows[0][0]} | {rows[0][1]:.3f} | Meridian takes x{rows[0][2]:.2f} its time, whole processes; "
              f"x{median(own_ratios):.2f} by their own timers (median of {reps} interleaved pairs; target <= 1.3) |")
        for name, wall, speedup in rows[1:]:
            print(f"| {name} | {wall:.2f} | Meridian is {speedup:.0f}x faster |")
        print()


def n_scaling(build, largest, reps):
    """XR-MMc at R = 8 (origin) for N = 1e4 ... `largest` tasks: whole-process wall time,
    events/s and tasks/s, and peak RSS, which must follow the work in flight (constant here),
    not the total work (target: 1e7 tasks in <= 256 MiB). The hand-written DES at the same N,
    when ../shared/peers is there, for the ratio. Interleaved repetitions, median per cell."""
    peers = os.path.join(ROOT, "..", "shared", "peers")
    sizes = [n for n in (10**4, 10**5, 10**6, 10**7) if n <= largest]
    median = lambda xs: sorted(xs)[len(xs) // 2]
    cells = {}
    with tempfile.TemporaryDirectory() as tmp:
        peer = None
        if os.path.isdir(peers):
            peer = os.path.join(tmp, "xr_des")
            subprocess.run(["g++", "-O2", "-std=c++17", "-o", peer, os.path.join(peers, "xr_des.cpp")], check=True)
        scenarios = {}
        for n in sizes:
            scenarios[n] = os.path.join(tmp, f"xr-n{n}.yaml")
            with open(scenarios[n], "w") as f:
                subprocess.run([sys.executable, os.path.join(ROOT, "tools", "bench", "make_xr_mmc.py"), "--tasks", str(n)],
                               stdout=f, check=True)
        for _ in range(reps):
            for n in sizes:
                with tempfile.TemporaryDirectory() as out:
                    wall, rss, _ = timed([os.path.join(build, "meridian"), "run", scenarios[n], "--quiet", "-o", out], cwd=ROOT)
                    run = json.load(open(os.path.join(out, "summary.json")))
                peer_wall = timed([peer, "--R", "8", "--n", str(n), "--policy", "origin"])[0] if peer else None
                cells.setdefault(n, []).append((wall, rss, run["run"]["events"], run["global"]["tasks"]["arrived"],
                                                peer_wall))
    print(f"## Scaling with N (XR-MMc, R = 8, origin, whole processes, median of {reps})\n")
    print("| tasks | events | wall s | events/s | tasks/s | peak RSS MiB | xr_des wall s | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        wall = median([c[0] for c in cells[n]])
        rss = median([c[1] for c in cells[n]])
        events, tasks = cells[n][0][2], cells[n][0][3]
        peer_wall = median([c[4] for c in cells[n]]) if peer else None
        print(f"| {tasks:,} | {events:,} | {wall:.3f} | {events / wall / 1e6:.1f} M | {tasks / wall / 1e6:.2f} M | {rss:.0f} | "
              + (f"{peer_wall:.3f} | x{wall / peer_wall:.2f} |" if peer else "- | - |"))
    print()


def r_scaling(build, tasks, reps):
    """XR-MMc at R = 8, 64, 512 regions at constant load per region (c = 16, rho = 0.8, so
    lambda = 12.8 R), for origin, least-loaded and latency-aware: engine nanoseconds per event
    (the run's own timer over its event count: loading and the summary are not per-event work),
    the ratio R512 / R8 (target <= 2 for least-loaded and latency-aware), and each process's
    peak RSS. Every R uses the hub topology (make_xr_mmc.py --topology hub: a 512-region mesh
    is over the loader's list limit), so the rows differ only in R. Interleaved repetitions,
    median per cell."""
    sizes, policies = (8, 64, 512), ("origin", "least-loaded", "latency-aware")
    cells = {}
    with tempfile.TemporaryDirectory() as tmp:
        scenarios = {}
        for R in sizes:
            for policy in policies:
                path = os.path.join(tmp, f"xr-r{R}-{policy}.yaml")
                with open(path, "w") as f:
                    subprocess.run([sys.executable, os.path.join(ROOT, "tools", "bench", "make_xr_mmc.py"),
                                    "--regions", str(R), "--tasks", str(tasks), "--policy", policy,
                                    "--topology", "hub"], stdout=f, check=True)
                scenarios[R, policy] = path
        for _ in range(reps):
            for policy in policies:
                for R in sizes:
                    with tempfile.TemporaryDirectory() as out:
                        wall, rss, _ = timed([os.path.join(build, "meridian"), "run", scenarios[R, policy], "--quiet",
                                              "-o", out, "--set", "outputs=[summary]"], cwd=ROOT)
                        run = json.load(open(os.path.join(out, "summary.json")))["run"]
                    cells.setdefault((R, policy), []).append((run["wall_s"] / run["events"] * 1e9, wall, rss))
    median = lambda xs: sorted(xs)[len(xs) // 2]
    print(f"## Scaling with R at constant load per region (XR-MMc, hub topology, N = {tasks:.0e}, "
          f"median of {reps})\n")
    print("| policy | " + " | ".join(f"R={R} ns/event" for R in sizes) + " | R512/R8 | target | "
          + " | ".join(f"R={R} wall s / RSS MiB" for R in sizes) + " |")
    print("|---|" + "---:|" * (2 * len(sizes) + 2))
    for policy in policies:
        ns = {R: median([c[0] for c in cells[R, policy]]) for R in sizes}
        ratio = ns[512] / ns[8]
        target = "-" if policy == "origin" else ("met" if ratio <= 2.0 else "**not met**") + " (<= 2)"
        print(f"| {policy} | " + " | ".join(f"{ns[R]:.0f}" for R in sizes) + f" | x{ratio:.2f} | {target} | "
              + " | ".join(f"{median([c[1] for c in cells[R, policy]]):.2f} / "
                           f"{median([c[2] for c in cells[R, policy]]):.0f}" for R in sizes) + " |")
    print()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--quick", action="store_true", help="shorter micro-benchmarks, fewer tasks and repetitions")
    parser.add_argument("--only", choices=("micro", "peer", "scaling", "runs"), help="one part only")
    args = parser.parse_args()
    if args.only in (None, "micro"):
        micro(args.build, args.quick)
    if args.only in (None, "peer"):
        versus_peer(args.build, 1 if args.quick else 3)
    if args.only in (None, "scaling"):
        n_scaling(args.build, 10**6 if args.quick else 10**7, 1 if args.quick else 3)
        r_scaling(args.build, 100000 if args.quick else 1000000, 1 if args.quick else 5)  # noisy: more repetitions
    if args.only not in (None, "runs"):
        return
    print("## Whole runs (wall time includes loading and writing outputs)\n")
    print("| scenario | outputs | tasks | events | wall s | events/s | peak RSS MiB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for scenario, outputs in (("scenarios/global-ai.yaml", "[summary]"),
                              ("scenarios/global-ai.yaml", "[summary,timeseries,report]")):
        wall, rss, events, tasks = whole_run(args.build, scenario, ["--set", f"outputs={outputs}"])
        print(f"| {scenario} | {outputs} | {tasks:,} | {events:,} | {wall:.2f} | {events/wall/1e6:.2f} M | {rss:.0f} |")


if __name__ == "__main__":
    sys.exit(main())
