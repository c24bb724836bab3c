// The command line as users meet it: exit codes, messages, outputs on disk.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "../support/cli_run.hpp"
#include "../support/scenario_run.hpp"

using namespace meridian::testing;
namespace fs = std::filesystem;

namespace {
std::vector<fs::path> files_in(const std::string& folder) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(MERIDIAN_SOURCE_DIR) / folder))
    if (entry.path().extension() == ".yaml") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// summary.json without the fields that say how long the run took.
nlohmann::json summary_without_timing(const std::string& path) {
  auto doc = nlohmann::json::parse(read_file(path));
  doc["run"].erase("wall_s");
  doc["run"].erase("events_per_s");
  return doc;
}
}  // namespace

TEST_CASE("every malformed scenario of the corpus ends with exit code 2 and a located message", "[cli]") {
  const auto corpus = files_in("tests/bad_inputs");
  REQUIRE(corpus.size() >= 25);
  for (const auto& file : corpus) {
    const std::string relative = fs::relative(file, MERIDIAN_SOURCE_DIR).string();
    const CommandResult r = run_meridian("validate '" + relative + "'");
    INFO(relative << "\n" << r.output);
    CHECK(r.exit_code == 2);
    CHECK(std::regex_search(r.output, std::regex(std::regex_replace(relative, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") + R"(:\d+:\d+: )")));
  }
}

TEST_CASE("every shipped scenario validates and runs with invariant checks", "[cli][shipped]") {
  const auto shipped = files_in("scenarios");
  REQUIRE(shipped.size() >= 5);
  for (const auto& file : shipped) {
    const std::string relative = fs::relative(file, MERIDIAN_SOURCE_DIR).string();
    TempDir out;
    const CommandResult r = run_meridian("run '" + relative + "' --check-invariants -o '" + out.path() + "'");
    INFO(relative << "\n" << r.output);
    REQUIRE(r.exit_code == 0);
    const auto summary = nlohmann::json::parse(read_file(out.file("summary.json")));
    CHECK(summary["global"]["tasks"]["completed"].get<std::uint64_t>() > 0);
    for (const auto& entry : fs::directory_iterator(out.path())) CHECK(entry.path().extension() != ".tmp");
  }
}

TEST_CASE("same scenario and seed give byte-identical outputs", "[cli][determinism]") {
  TempDir a, b;
  const std::string scenario = "scenarios/examples/outage-checkpoint.yaml";
  const std::string all = " --set 'outputs=[summary,timeseries,tasks,trace]' -o ";
  REQUIRE(run_meridian("run " + scenario + all + a.path()).exit_code == 0);
  REQUIRE(run_meridian("run " + scenario + all + b.path()).exit_code == 0);
  for (const char* name : {"timeseries.csv", "tasks.csv", "trace.json"}) {
    INFO(name);
    CHECK(read_file(a.file(name)) == read_file(b.file(name)));
  }
  CHECK(summary_without_timing(a.file("summary.json")) == summary_without_timing(b.file("summary.json")));

  // A different seed must change the run (else the check above would prove nothing).
  TempDir c;
  REQUIRE(run_meridian("run " + scenario + all + c.path() + " --seed 99").exit_code == 0);
  CHECK(read_file(a.file("tasks.csv")) != read_file(c.file("tasks.csv")));
}

TEST_CASE("changing the policy does not change the arrivals (common random numbers)", "[cli][determinism]") {
  TempDir a, b;
  const std::string run = "run scenarios/global-ai.yaml --set horizon=2h --set warmup=0s --set 'outputs=[tasks]' --quiet -o ";
  REQUIRE(run_meridian(run + a.path() + " --scheduler least-loaded").exit_code == 0);
  REQUIRE(run_meridian(run + b.path() + " --scheduler random --load-balancer round-robin").exit_code == 0);
  const auto arrivals = [](const std::string& path) {
    std::map<std::string, std::string> by_id;  // id -> workload, origin, arrival
    for (const auto& row : read_csv(path)) by_id[row.at("id")] = row.at("workload") + row.at("origin") + row.at("arrival");
    return by_id;
  };
  const auto first = arrivals(a.file("tasks.csv"));
  CHECK(first.size() > 1000);
  CHECK(first == arrivals(b.file("tasks.csv")));
}

TEST_CASE("usage errors and missing files exit with 2; help and version with 0", "[cli]") {
  CHECK(run_meridian("--version").exit_code == 0);
  CHECK(run_meridian("run --help").exit_code == 0);
  CHECK(run_meridian("").exit_code == 2);
  CHECK(run_meridian("fly").exit_code == 2);
  CHECK(run_meridian("run scenarios/global-ai.yaml --no-such-flag").exit_code == 2);
  const CommandResult missing = run_meridian("run does-not-exist.yaml");
  CHECK(missing.exit_code == 2);
  CHECK(missing.output.find("does-not-exist.yaml") != std::string::npos);
  const CommandResult bad_set = run_meridian("run scenarios/global-ai.yaml --set horizon");
  CHECK(bad_set.exit_code == 2);
  const CommandResult bad_policy = run_meridian("run scenarios/global-ai.yaml --scheduler least-loadd");
  CHECK(bad_policy.exit_code == 2);
  CHECK(bad_policy.output.find("did you mean 'least-loaded'") != std::string::npos);
}

TEST_CASE("an output folder that cannot be written is an error without partial files", "[cli]") {
  TempDir dir;
  std::ofstream(dir.file("blocker")) << "a file where the output folder should be";
  const CommandResult r = run_meridian("run scenarios/examples/mmc-single-region.yaml -o '" + dir.file("blocker") + "/out'");
  CHECK(r.exit_code == 2);
  CHECK_FALSE(fs::exists(dir.file("blocker") + "/out"));
}

TEST_CASE("policies lists every family with its policies", "[cli]") {
  const CommandResult r = run_meridian("policies");
  CHECK(r.exit_code == 0);
  for (const char* expected : {"policies.scheduler:", "least-loaded", "latency-aware", "policies.load_balancer:",
                               "policies.queue:", "backfill"})
    CHECK(r.output.find(expected) != std::string::npos);
}

TEST_CASE("a run into a used folder leaves none of the earlier run's outputs behind", "[cli]") {
  // The report reads tasks.csv and timeseries.csv when they are there: an earlier run's files
  // would be shown as this run's.
  TempDir dir;
  const std::string scenario = "scenarios/examples/outage-checkpoint.yaml -o " + dir.path();
  REQUIRE(run_meridian("run " + scenario + " --set 'outputs=[summary,timeseries,tasks,trace,report]' --quiet")
              .exit_code == 0);
  REQUIRE(fs::exists(dir.file("tasks.csv")));
  REQUIRE(run_meridian("run " + scenario + " --set 'outputs=[summary,report]' --seed 5 --quiet").exit_code == 0);
  for (const char* gone : {"tasks.csv", "timeseries.csv", "trace.json"}) {
    INFO(gone);
    CHECK_FALSE(fs::exists(dir.file(gone)));
  }
  const std::string report = read_file(dir.file("report.html"));
  CHECK(report.find("Exact, from every completed task") == std::string::npos);
  CHECK(nlohmann::json::parse(read_file(dir.file("summary.json")))["seed"] == 5);
  // Without the report asked for, an old report.html goes too.
  REQUIRE(run_meridian("run " + scenario + " --set 'outputs=[summary]' --quiet").exit_code == 0);
  CHECK_FALSE(fs::exists(dir.file("report.html")));
}
