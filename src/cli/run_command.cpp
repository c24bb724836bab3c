// `meridian run SCENARIO`: one simulation; writes the outputs and prints a short summary.
#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/summary_table.hpp"
#include "run/simulation.hpp"

namespace meridian::cli {

namespace {
struct RunArguments {
  std::string scenario;
  std::string output_dir;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> sets;
  std::string scheduler, load_balancer, replication, queue;
  bool quiet = false;
  bool check = false;
};

int run(const RunArguments& args) {
  std::vector<scenario::Override> overrides;
  for (const auto& s : args.sets) overrides.push_back(scenario::parse_override(s));
  if (args.seed) overrides.push_back({"seed", std::to_string(*args.seed)});
  // The policy flags are shorthands for --set policies.<family>=NAME.
  if (!args.scheduler.empty()) overrides.push_back({"policies.scheduler", args.scheduler});
  if (!args.load_balancer.empty()) overrides.push_back({"policies.load_balancer", args.load_balancer});
  if (!args.replication.empty()) overrides.push_back({"policies.replication", args.replication});
  if (!args.queue.empty()) overrides.push_back({"policies.queue", args.queue});

  const Model model = load_model(args.scenario, overrides);
  RunRequest request;
  request.output_dir = args.output_dir.empty() ? (std::filesystem::path("out") / model.name).string() : args.output_dir;
  request.engine.check_invariants = request.engine.check_invariants || args.check;
  request.engine.progress = !args.quiet && isatty(STDERR_FILENO);
  const RunResult result = run_simulation(model, request);
  if (!args.quiet) {
    print_summary_table(stdout, result.summary);
    fmt::print("\noutputs in {}/:", request.output_dir);
    for (const auto& f : result.files) fmt::print(" {}", std::filesystem::path(f).filename().string());
    fmt::print("\n");
  }
  return kOk;
}
}  // namespace

Action add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArguments>();
  CLI::App* cmd = app.add_subcommand("run", "run one simulation and write its outputs");
  cmd->add_option("scenario", args->scenario, "scenario file (YAML)")->required();
  cmd->add_option("-o,--output", args->output_dir, "output folder (default: out/<scenario name>)");
  cmd->add_option("--seed", args->seed, "random seed (overrides the scenario's)");
  cmd->add_option("--set", args->sets, "override a scenario value: PATH=VALUE, e.g. workloads.chat.arrivals.rate=900/s");
  cmd->add_option("--scheduler", args->scheduler, "scheduler policy (see `meridian policies`)");
  cmd->add_option("--load-balancer", args->load_balancer, "load-balancer policy");
  cmd->add_option("--replication", args->replication, "replication policy");
  cmd->add_option("--queue", args->queue, "queue discipline");
  cmd->add_flag("--quiet", args->quiet, "no progress and no summary table");
  cmd->add_flag("--check-invariants", args->check, "verify engine invariants on every event (slower)");
  return [args] { return run(*args); };
}

}  // namespace meridian::cli
