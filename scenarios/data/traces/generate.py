#!/usr/bin/env python3
"""Generate the two SYNTHETIC job traces shipped with Meridian's examples.

    python3 generate.py            # writes synthetic-jobs.csv and synthetic.swf next to this file

Nothing here comes from a real cluster. Real GPU traces (Alibaba clusterdata, Microsoft Philly)
are licensed for research use only, so the repository does not ship them; these files only
have the *shape* of such traces (heavy-tailed runtimes, mostly small jobs, a daily cycle) so
that the trace readers can be tried out.

Deterministic: a fixed seed, and only random.Random.random() is used (Mersenne Twister with
an integer seed gives the same stream on every Python 3 version); the inverse-CDF and
Box-Muller transforms below are written out so that library changes cannot alter the output.
Python 3 standard library only.

synthetic-jobs.csv (for scenarios/examples/trace-replay.yaml)
    columns: submit,duration,gpu,cpu,origin,priority
    submit   integer seconds from simulated time 0, non-decreasing, within [0, 86400)
    duration integer seconds, lognormal (median 30 min, sigma 1.2), clipped to [60 s, 12 h]
    gpu      1 / 2 / 4 / 8 with weights 50 / 25 / 15 / 10
    cpu      8 per GPU (the host share of an 8-GPU server with 64 vCPUs)
    origin   us-east / eu-central / ap-tokyo with weights 45 / 35 / 20
    priority 0..3 with weights 55 / 25 / 15 / 5
    arrivals: Poisson, 20 jobs/h on average, with a daily cycle
              rate(t) = 20/h * (1 + 0.5 cos(2 pi (hour_utc - 15) / 24)), by thinning.

synthetic.swf (for scenarios/examples/swf-replay.yaml)
    Standard Workload Format v2.2, 18 whitespace-separated fields per job, `;` header lines.
    Used: field 2 submit time (s), field 4 run time (s), field 5 allocated processors.
    Also filled consistently: 1 job number, 8 requested processors (= allocated),
    9 requested time (run time x 1.2..3, rounded up to 15 min: users over-estimate),
    11 status 1 (completed), 12 user id, 13 group id, 14 executable id, 15 queue 1,
    16 partition 1; every other field -1 (unknown).
    arrivals: Poisson, 6 jobs/h, constant, over 48 h; processors 1/2/4/8/16/32 with
    weights 30/20/20/15/10/5; run time lognormal (median 20 min, sigma 1.4), clipped
    to [30 s, 24 h].
"""
import math
import os
import random

SEED = 20260105
HERE = os.path.dirname(os.path.abspath(__file__))


class Draw:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def u(self):
        return self.rng.random()  # [0, 1)

    def exponential(self, mean):
        return -mean * math.log(1.0 - self.u())

    def normal(self):
        u1 = 1.0 - self.u()  # (0, 1]
        u2 = self.u()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def lognormal(self, median, sigma):
        return median * math.exp(sigma * self.normal())

    def choice(self, values, weights):
        x = self.u() * sum(weights)
        acc = 0.0
        for v, w in zip(values, weights):
            acc += w
            if x < acc:
                return v
        return values[-1]


def jobs_csv(path):
    d = Draw(SEED)
    mean_rate = 20.0 / 3600.0           # per second
    peak_rate = mean_rate * 1.5          # for thinning
    horizon = 86400.0
    t, rows = 0.0, []
    while True:
        t += d.exponential(1.0 / peak_rate)
        if t >= horizon:
            break
        hour = t / 3600.0
        rate = mean_rate * (1.0 + 0.5 * math.cos(2.0 * math.pi * (hour - 15.0) / 24.0))
        if d.u() * peak_rate >= rate:
            continue
        duration = min(max(d.lognormal(1800.0, 1.2), 60.0), 12 * 3600.0)
        gpu = d.choice([1, 2, 4, 8], [50, 25, 15, 10])
        origin = d.choice(["us-east", "eu-central", "ap-tokyo"], [45, 35, 20])
        priority = d.choice([0, 1, 2, 3], [55, 25, 15, 5])
        rows.append((int(t), int(round(duration)), gpu, 8 * gpu, origin, priority))
    with open(path, "w", newline="") as f:
        f.write("submit,duration,gpu,cpu,origin,priority\n")
        for r in rows:
            f.write("%d,%d,%d,%d,%s,%d\n" % r)
    gpu_h = sum(r[1] * r[2] for r in rows) / 3600.0
    print(f"{os.path.basename(path)}: {len(rows)} jobs, {gpu_h:.0f} GPU-hours "
          f"(= {gpu_h / 24:.1f} GPUs busy on average over 24 h), "
          f"mean duration {sum(r[1] for r in rows) / len(rows) / 60:.1f} min, "
          f"max {max(r[1] for r in rows) / 3600:.1f} h")


def jobs_swf(path):
    d = Draw(SEED + 1)
    rate = 6.0 / 3600.0
    horizon = 48 * 3600.0
    t, jobs = 0.0, []
    while True:
        t += d.exponential(1.0 / rate)
        if t >= horizon:
            break
        run = int(round(min(max(d.lognormal(1200.0, 1.4), 30.0), 24 * 3600.0)))
        procs = d.choice([1, 2, 4, 8, 16, 32], [30, 20, 20, 15, 10, 5])
        factor = 1.2 + 1.8 * d.u()
        req = int(math.ceil(run * factor / 900.0) * 900)
        user = d.choice(list(range(1, 13)), [12, 10, 9, 8, 7, 6, 5, 4, 3, 2, 2, 1])
        group = 1 + (user - 1) // 4
        app = d.choice(list(range(1, 9)), [1] * 8)
        jobs.append((int(t), run, procs, req, user, group, app))
    proc_h = sum(j[1] * j[2] for j in jobs) / 3600.0
    with open(path, "w", newline="") as f:
        f.write("; Version: 2.2\n")
        f.write("; Computer: none (SYNTHETIC trace, not from any real system)\n")
        f.write("; Installation: Meridian examples, scenarios/data/traces/generate.py\n")
        f.write(f"; Note: generated with seed {SEED + 1}; see generate.py for the distributions.\n")
        f.write(";       Processors stand for GPUs in swf-replay.yaml.\n")
        f.write(f"; MaxJobs: {len(jobs)}\n")
        f.write(f"; MaxRecords: {len(jobs)}\n")
        f.write("; Preemption: No\n")
        f.write("; UnixStartTime: 1767571200\n")
        f.write("; TimeZoneString: UTC\n")
        f.write("; StartTime: Mon Jan 05 00:00:00 UTC 2026\n")
        f.write("; MaxNodes: 6\n")
        f.write("; MaxProcs: 48\n")
        f.write("; MaxQueues: 1\n")
        f.write("; Queue: 1 batch\n")
        f.write("; MaxPartitions: 1\n")
        f.write("; Partition: 1 synthetic\n")
        f.write(";\n")
        for i, (sub, run, procs, req, user, group, app) in enumerate(jobs, start=1):
            fields = [i, sub, -1, run, procs, -1, -1, procs, req, -1, 1, user, group, app, 1, 1, -1, -1]
            f.write("%5d %7d %3d %6d %3d %3d %3d %3d %6d %3d %2d %3d %2d %2d %2d %2d %3d %3d\n"
                    % tuple(fields))
    print(f"{os.path.basename(path)}: {len(jobs)} jobs, {proc_h:.0f} processor-hours "
          f"(= {proc_h / 48:.1f} processors busy on average over 48 h), "
          f"max run {max(j[1] for j in jobs) / 3600:.1f} h, "
          f"last submit {jobs[-1][0] / 3600:.1f} h")


if __name__ == "__main__":
    jobs_csv(os.path.join(HERE, "synthetic-jobs.csv"))
    jobs_swf(os.path.join(HERE, "synthetic.swf"))
