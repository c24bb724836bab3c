#!/usr/bin/env python3
"""Convert dc-rl's EIA-derived hourly carbon-intensity files to Meridian's carbon CSV format.

Usage:
    python3 convert_eia.py SOURCE_DIR [BA ...]

SOURCE_DIR holds `<BA>_2022_hourly.csv` as copied from HewlettPackard/dc-rl
(data/CarbonIntensity/<BA>_NG_&_avgCI.csv @ a92b4755aca560e34a98d14028dda629eb968482, MIT;
underlying data: U.S. EIA Form-930, public domain). In this project's shared data it is
shared/data/carbon/eia_hourly_2022_dcrl/. BA defaults to PJM BPAT (the two the shipped
scenarios use). Each BA is written next to this script as `<ba lower-case>-2022.csv`.

Source columns: timestamp,WND,SUN,WAT,OIL,NG,COL,NUC,OTH,avg_CI where timestamp looks like
`2022-01-01 00:00:00+00:00` (UTC, explicit offset) and avg_CI is gCO2/kWh.
Output: header `time,g_per_kwh`, time as ISO-8601 UTC with `Z` (the instant the hour starts,
taken unchanged from the source label), value rounded to 0.1 g/kWh.

Transformations, all deterministic:
  * the timestamp is parsed with its offset and re-written in UTC as YYYY-MM-DDTHH:MM:SSZ;
  * an hour whose avg_CI is empty (PJM has 23 such hours in 2022, next to the two US DST
    changes; BPAT none) is filled by linear interpolation in time between the nearest
    non-empty hours before and after (the value of the one neighbour at either end);
  * nothing else: outliers (e.g. PJM's ~43-47 g/kWh hours on 2022-10-01/02) are kept as is.
The script checks that the series is hourly, strictly increasing and covers the whole year.
Standard library only.
"""
import csv
import datetime as dt
import os
import sys

DEFAULT_BAS = ["PJM", "BPAT"]


def parse_time(text):
    # `2022-01-01 00:00:00+00:00`; fromisoformat accepts the space separator and the offset.
    t = dt.datetime.fromisoformat(text.strip())
    if t.tzinfo is None:
        raise ValueError(f"timestamp without a UTC offset: {text!r}")
    return t.astimezone(dt.timezone.utc)


def convert(src_path, dst_path):
    times, values = [], []
    with open(src_path, newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            times.append(parse_time(row["timestamp"]))
            v = row["avg_CI"].strip()
            values.append(float(v) if v else None)
    for a, b in zip(times, times[1:]):
        if b - a != dt.timedelta(hours=1):
            raise ValueError(f"{src_path}: not hourly between {a} and {b}")
    year = times[0].year
    if times[0] != dt.datetime(year, 1, 1, tzinfo=dt.timezone.utc) or \
            times[-1] != dt.datetime(year, 12, 31, 23, tzinfo=dt.timezone.utc):
        raise ValueError(f"{src_path}: does not cover the whole year {year}")
    filled = 0
    known = [i for i, v in enumerate(values) if v is not None]
    if not known:
        raise ValueError(f"{src_path}: no values")
    for i, v in enumerate(values):
        if v is not None:
            continue
        before = max((k for k in known if k < i), default=None)
        after = min((k for k in known if k > i), default=None)
        if before is None:
            values[i] = values[after]
        elif after is None:
            values[i] = values[before]
        else:
            w = (i - before) / (after - before)
            values[i] = values[before] * (1 - w) + values[after] * w
        filled += 1
    with open(dst_path, "w", newline="") as f:
        f.write("time,g_per_kwh\n")
        for t, v in zip(times, values):
            f.write(f"{t.strftime('%Y-%m-%dT%H:%M:%SZ')},{v:.1f}\n")
    mean = sum(values) / len(values)
    print(f"{os.path.basename(src_path)} -> {os.path.basename(dst_path)}: {len(values)} rows, "
          f"{filled} filled, mean {mean:.1f}, min {min(values):.1f}, max {max(values):.1f} g/kWh")


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    src_dir = argv[1]
    bas = argv[2:] or DEFAULT_BAS
    out_dir = os.path.dirname(os.path.abspath(__file__))
    for ba in bas:
        convert(os.path.join(src_dir, f"{ba}_2022_hourly.csv"),
                os.path.join(out_dir, f"{ba.lower()}-2022.csv"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
