#pragma once
// report.html: one self-contained page (inline SVG, no network) built from a run's outputs.

#include <string>

namespace meridian {

/// Builds `run_dir/report.html` from `run_dir/summary.json` and, when present, timeseries.csv
/// and tasks.csv. Throws std::runtime_error naming what is missing or unreadable.
void write_report(const std::string& run_dir);

}  // namespace meridian
