// `meridian compare SCENARIO --vary PATH=V1,V2`: every combination of the varied values, N
// replications each with common random numbers; a table, compare.{json,csv,html}; optionally a
// baseline written or checked (exit 1 on a regression).
#include <fmt/format.h>
#include <unistd.h>
#include <chrono>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "compare/baseline.hpp"
#include "compare/compare_output.hpp"
#include "compare/grid.hpp"
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

int compare(const CompareArguments& args) {
  // Every argument is checked before the first run, so a typo costs nothing.
  std::vector<scenario::Override> sets;
  for (const auto& s : args.sets) sets.push_back(scenario::parse_override(s));
  std::vector<compare::VaryAxis> axes;
  for (const auto& v : args.varies) axes.push_back(compare::parse_vary(v));
  compare::check_axes(axes);
  std::vector<compare::Tolerance> tolerances;
  for (const auto& t : args.tolerances) tolerances.push_back(compare::parse_tolerance(t));
  std::optional<compare::Baseline> baseline;
  if (!args.baseline.empty()) {
    baseline = compare::read_baseline(args.baseline);
    compare::check_tolerance_metrics(tolerances, *baseline);
  }

  // The scenario with --set alone first, so that its own problems are not blamed on a variant.
  load_model(args.scenario, sets);
  // One model per variant, built once; the runner gives each run its own copy.
  const auto variants = compare::cartesian_product(axes);
  std::vector<Model> models;
  models.reserve(variants.size());
  for (const auto& variant : variants) {
    try {
      models.push_back(load_model(args.scenario, compare::variant_overrides(axes, variant, sets)));
    } catch (const InputError&) {
      fmt::print(stderr, "meridian compare: variant '{}' does not load:\n", compare::variant_label(variant));
      throw;
    }
  }

  const bool progress = !args.quiet && isatty(STDERR_FILENO);
  const auto started = std::chrono::steady_clock::now();
  compare::ProgressFn on_progress;
  if (progress) {
    on_progress = [&](std::size_t done, std::size_t total) {
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const double eta = elapsed / static_cast<double>(done) * static_cast<double>(total - done);
      fmt::print(stderr, "\rcompare: {}/{} runs, {} elapsed, ETA {}   ", done, total, clock_text(elapsed),
                 clock_text(eta));
      std::fflush(stderr);
    };
    fmt::print(stderr, "compare: {} variant{} x {} replication{} on {} thread{}\n", variants.size(),
               variants.size() == 1 ? "" : "s", args.replications, args.replications == 1 ? "" : "s",
               compare::effective_jobs(args.jobs), compare::effective_jobs(args.jobs) == 1 ? "" : "s");
  }
  const auto runs = compare::run_all(models, args.replications, args.jobs, on_progress);
  if (progress) fmt::print(stderr, "\r{:78}\r", "");

  const compare::Comparison comparison =
      compare::summarize(models.front().name, axes, variants, args.replications, runs);
  const std::string dir = args.output_dir.empty()
                              ? (std::filesystem::path("out") / models.front().name / "compare").string()
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
    write_file_atomically(path.string(), compare::baseline_json(comparison).dump(2) + "\n");
    if (!args.quiet) fmt::print("baseline written to {}\n", path.string());
  }
  if (!baseline) return kOk;
  // The verdict is printed even with --quiet: in CI it is the reason for the exit code.
  const compare::RegressionReport report = compare::check_regressions(comparison, *baseline, tolerances);
  compare::print_regression_report(stdout, report, *baseline);
  return report.failures() > 0 ? kRegression : kOk;
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
