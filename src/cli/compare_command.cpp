// `meridian compare SCENARIO --vary PATH=V1,V2`: every combination of the varied values, N
// replications each with common random numbers, on a pool of threads or spread over the ranks
// of an MPI job; a table, compare.{json,csv,html}; optionally a baseline written or checked
// (exit 1 on a regression).
#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "compare/baseline.hpp"
#include "compare/compare_output.hpp"
#include "compare/grid.hpp"
#include "compare/ranks.hpp"
#include "compare/runner.hpp"
#include "metrics/atomic_file.hpp"

namespace meridian::cli {

namespace {

struct CompareArguments {
  std::string scenario;
  std::vector<std::string> varies;
  std::size_t replications = 5;
  std::size_t jobs = 0;
  std::string output_dir;
  std::string baseline;
  std::string write_baseline;
  std::vector<std::string> tolerances;
  std::vector<std::string> sets;
  bool quiet = false;
};

std::string clock_text(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
}

// Everything a comparison needs before its first run, checked so that a typo costs nothing.
struct Prepared {
  std::vector<compare::VaryAxis> axes;
  std::vector<compare::Tolerance> tolerances;
  std::optional<compare::Baseline> baseline;
  std::vector<compare::Variant> variants;
  std::vector<Model> models;  ///< one per variant, built once and shared by its runs
};

// `speaks`: whether this process may print (under MPI only rank 0 does; every rank loads the same
// files and fails the same way, and another rank's failure reaches rank 0 through the gather).
Prepared prepare(const CompareArguments& args, bool speaks) {
  Prepared p;
  std::vector<scenario::Override> sets;
  for (const auto& s : args.sets) sets.push_back(scenario::parse_override(s));
  for (const auto& v : args.varies) p.axes.push_back(compare::parse_vary(v));
  compare::check_axes(p.axes);
  for (const auto& t : args.tolerances) p.tolerances.push_back(compare::parse_tolerance(t));
  if (!args.baseline.empty()) {
    p.baseline = compare::read_baseline(args.baseline);
    compare::check_tolerance_metrics(p.tolerances, *p.baseline);
  }

  // The scenario with --set alone first, so that its own problems are not blamed on a variant.
  load_model(args.scenario, sets);
  p.variants = compare::cartesian_product(p.axes);
  p.models.reserve(p.variants.size());
  for (const auto& variant : p.variants) {
    try {
      p.models.push_back(load_model(args.scenario, compare::variant_overrides(p.axes, variant, sets)));
    } catch (const InputError&) {
      if (speaks)
        fmt::print(stderr, "meridian compare: variant '{}' does not load:\n", compare::variant_label(variant));
      throw;
    }
  }
  return p;
}

// Simulated time, compact: "45 s", "12 min", "5.1 h", "1.5 d".
std::string simulated_text(double seconds) {
  if (seconds < 120) return fmt::format("{:.0f} s", seconds);
  if (seconds < 7200) return fmt::format("{:.0f} min", seconds / 60);
  if (seconds < 172800) return fmt::format("{:.1f} h", seconds / 3600);
  return fmt::format("{:.1f} d", seconds / 86400);
}

std::string rate_text(double per_second) {
  if (per_second >= 1e6) return fmt::format("{:.1f} M", per_second / 1e6);
  if (per_second >= 1e3) return fmt::format("{:.0f} k", per_second / 1e3);
  return fmt::format("{:.0f}", per_second);
}

// The progress line's width: the terminal's, less one column (so that it never wraps), 78 if
// unknown.
std::size_t progress_width() {
  winsize size{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 20)
    return std::min<std::size_t>(size.ws_col - 1, 200);
  return 78;
}

// "compare: 3/12 runs, 5s elapsed, ETA 15s, 8.7 M events/s, simulated 5.1 h, 2.3 d (horizon
// 12.0 h)": events/s over all runs together; the simulated time of each run in flight (past
// the horizon it is draining the work in flight); the ETA counts each run in flight by the share
// of its horizon simulated so far. The simulated times are left out when the line would not fit.
std::string progress_text(const compare::Progress& p, double elapsed, std::size_t width) {
  double equivalent = static_cast<double>(p.done);
  for (const auto& [now, horizon] : p.in_flight) equivalent += std::min(1.0, now / horizon);
  const std::string eta =
      equivalent > 0 ? clock_text(elapsed / equivalent * (static_cast<double>(p.total) - equivalent)) : "?";
  std::string line =
      fmt::format("compare: {}/{} runs, {} elapsed, ETA {}, {} events/s", p.done, p.total, clock_text(elapsed), eta,
                  rate_text(elapsed > 0 ? static_cast<double>(p.events) / elapsed : 0.0));
  if (p.in_flight.empty()) return line;
  double low = p.in_flight.front().first, high = low;
  bool one_horizon = true;
  for (const auto& [now, horizon] : p.in_flight) {
    low = std::min(low, now);
    high = std::max(high, now);
    one_horizon = one_horizon && horizon == p.in_flight.front().second;
  }
  std::string sim;
  if (p.in_flight.size() <= 3) {
    for (const auto& [now, horizon] : p.in_flight) sim += (sim.empty() ? "" : ", ") + simulated_text(now);
  } else {
    sim = fmt::format("{} to {} in {} runs", simulated_text(low), simulated_text(high), p.in_flight.size());
  }
  if (one_horizon) sim += " (horizon " + simulated_text(p.in_flight.front().second) + ")";
  const std::string with_sim = line + ", simulated " + sim;
  return with_sim.size() <= width ? with_sim : line;
}

// The progress line on stderr, or no callback when it is off. Only a terminal gets it:
// carriage returns would clutter a log file.
compare::ProgressFn progress_line(bool enabled) {
  if (!enabled) return {};
  const auto started = std::chrono::steady_clock::now();
  return [started](const compare::Progress& p) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::size_t width = progress_width();
    fmt::print(stderr, "\r{:<{}}", progress_text(p, elapsed, width), width);
    std::fflush(stderr);
  };
}

void clear_progress_line(const compare::ProgressFn& progress) {
  if (progress) fmt::print(stderr, "\r{:{}}\r", "", progress_width());
}

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

// Summarizes the runs, writes the files, prints the table and checks the baseline.
int finish(const CompareArguments& args, const Prepared& p,
           const std::vector<std::vector<compare::MetricValue>>& runs) {
  std::vector<std::uint64_t> seeds;
  for (const auto& model : p.models) seeds.push_back(model.seed);
  const compare::Comparison comparison =
      compare::summarize(p.models.front().name, p.axes, p.variants, args.replications, runs, seeds);
  const std::string dir = args.output_dir.empty()
                              ? (std::filesystem::path("out") / p.models.front().name / "compare").string()
                              : args.output_dir;
  const auto files = compare::write_comparison(comparison, dir);
  if (!args.quiet) {
    compare::print_comparison_table(stdout, comparison);
    fmt::print("\noutputs in {}/:", dir);
    for (const auto& f : files) fmt::print(" {}", std::filesystem::path(f).filename().string());
    fmt::print("\n");
  }
  if (!args.write_baseline.empty()) {
    const std::filesystem::path path(args.write_baseline);
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    write_file_atomically(path.string(), compare::baseline_text(comparison));
    if (!args.quiet) fmt::print("baseline written to {}\n", path.string());
  }
  if (!p.baseline) return kOk;
  // The verdict is printed even with --quiet: in CI it is the reason for the exit code.
  const compare::RegressionReport report = compare::check_regressions(comparison, *p.baseline, p.tolerances);
  compare::print_regression_report(stdout, report, *p.baseline);
  return report.failures() > 0 ? kRegression : kOk;
}

int compare_on_threads(const CompareArguments& args) {
  const Prepared p = prepare(args, true);
  const compare::ProgressFn progress = progress_line(!args.quiet && isatty(STDERR_FILENO));
  if (progress)
    fmt::print(stderr, "compare: {} x {} on {}\n", plural(p.variants.size(), "variant"),
               plural(args.replications, "replication"), plural(compare::effective_jobs(args.jobs), "thread"));
  const auto runs = compare::run_all(p.models, args.replications, args.jobs, progress);
  clear_progress_line(progress);
  return finish(args, p, runs);
}

// Under mpirun or srun: every rank loads the scenario and does its share of the runs; rank 0
// gathers them, prints, writes the files and decides the exit code, which every rank returns.
// A failure on any rank, before or during its runs, travels in the gather instead of ending that
// rank early, so no rank is ever left waiting in a collective call.
int compare_on_ranks(compare::RankGroup& group, const CompareArguments& args) {
  // A job usually has a rank per core, and Open MPI binds each rank to a core or socket: one
  // pool per rank sized to the whole machine would oversubscribe it K times. So by default a
  // rank runs one simulation at a time; --jobs gives it more threads (e.g. one rank per node).
  const std::size_t jobs = args.jobs != 0 ? args.jobs : 1;
  const auto describe = [](std::exception_ptr error) {
    ErrorReport report = describe_error(error);
    return compare::Failure{report.exit_code, std::move(report.message)};
  };
  std::optional<Prepared> prepared;
  compare::RankPart mine;
  try {
    prepared = prepare(args, group.is_root());
    // Rank 0 shows its own share's progress: the shares are interleaved, so it is representative,
    // and reporting other ranks' progress would need messages while they run.
    const compare::ProgressFn progress = progress_line(group.is_root() && !args.quiet && isatty(STDERR_FILENO));
    if (progress)
      fmt::print(stderr, "compare: {} x {} on {} x {} (progress of rank 0's share)\n",
                 plural(prepared->variants.size(), "variant"), plural(args.replications, "replication"),
                 plural(static_cast<std::size_t>(group.size()), "rank"), plural(jobs, "thread"));
    mine = compare::run_share(group, prepared->models, args.replications, jobs, progress, describe);
    clear_progress_line(progress);
  } catch (...) {
    mine.failure = describe(std::current_exception());
  }

  std::vector<compare::RankPart> parts = group.gather(std::move(mine));
  int exit_code = kOk;
  if (group.is_root()) {
    try {
      compare::Gathered gathered = compare::merge_parts(std::move(parts));
      if (gathered.failure) {
        std::fputs(gathered.failure->message.c_str(), stderr);
        exit_code = gathered.failure->exit_code;
      } else {
        exit_code = finish(args, *prepared, gathered.runs);
      }
    } catch (...) {
      const ErrorReport report = describe_error(std::current_exception());
      std::fputs(report.message.c_str(), stderr);
      exit_code = report.exit_code;
    }
  }
  return group.agree_exit_code(exit_code);
}

int compare(const CompareArguments& args) {
  const std::unique_ptr<compare::RankGroup> group = compare::join_ranks();
  return group ? compare_on_ranks(*group, args) : compare_on_threads(args);
}

}  // namespace

Action add_compare_command(CLI::App& app) {
  auto args = std::make_shared<CompareArguments>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "run every combination of varied values, N replications each, with common random numbers");
  cmd->add_option("scenario", args->scenario, "scenario file (YAML)")->required();
  cmd->add_option("--vary", args->varies,
                  "PATH=V1,V2,...: values to compare (same paths as --set; several --vary give every combination)")
      ->required();
  cmd->add_option("--replications", args->replications, "independent replications per variant (default 5)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  cmd->add_option("--jobs", args->jobs, "runs at once (default: one per hardware thread)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{4096}));
  cmd->add_option("-o,--output", args->output_dir, "output folder (default: out/<scenario name>/compare)");
  auto* baseline = cmd->add_option("--baseline", args->baseline,
                                   "check against this baseline (or compare.json); exit 1 on a regression");
  cmd->add_option("--write-baseline", args->write_baseline, "store this comparison as a baseline file");
  cmd->add_option("--tolerance", args->tolerances,
                  "METRIC=PCT allowed worsening, e.g. global.wait_s.p99=5% (default: headline metrics at 5%)")
      ->needs(baseline);
  cmd->add_option("--set", args->sets, "override a scenario value in every variant: PATH=VALUE");
  cmd->add_flag("--quiet", args->quiet, "no progress and no table (a baseline verdict is still printed)");
  return [args] { return compare(*args); };
}

}  // namespace meridian::cli
