// `meridian compare` end to end: common random numbers, independence from the thread count,
// baselines that pass and fail through the real binary, and usage errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../support/cli_run.hpp"
#include "../support/scenario_run.hpp"
#include "compare/runner.hpp"
#include "scenario/loader.hpp"

using namespace meridian;
using namespace meridian::testing;
namespace fs = std::filesystem;

namespace {

// Two regions of unequal size fed equally: least-loaded keeps both below saturation, while
// random (or round-robin) sends half the work to the small one, which then queues without
// bound. A clear regression on global.wait_s.mean, in a fraction of a second per run.
constexpr const char* kTwoRegions = R"(meridian: 1
name: two-regions
seed: 7
start: 2026-01-05T00:00:00Z
horizon: 2h
warmup: 10m
sample_every: 15m
regions:
  - {id: small, timezone: UTC, capacity: {gpu: 4}}
  - {id: big, timezone: UTC, capacity: {gpu: 12}}
links:
  - {between: [small, big], latency: 5ms, bandwidth: 100Gbps}
workloads:
  - id: jobs
    class: job
    origins: {small: 1, big: 1}
    arrivals: {process: poisson, rate: 5/s}
    demand: {gpu: 1}
    duration: {dist: exponential, mean: 2s}
policies:
  scheduler: least-loaded
  queue: fifo
)";

// Two equal regions at 92 % load (7/s x 2.1 s on 16 GPUs) for 20 minutes: the wait of a
// replication depends mostly on its arrivals, which every policy shares, so the wait varies a
// lot between replications but round-robin adds about the same to each of them. Welch's test
// sees only that noise; the paired test sees the shift.
constexpr const char* kBusyPair = R"(meridian: 1
name: busy-pair
seed: 7
start: 2026-01-05T00:00:00Z
horizon: 20m
warmup: 2m
sample_every: 5m
regions:
  - {id: a, timezone: UTC, capacity: {gpu: 8}}
  - {id: b, timezone: UTC, capacity: {gpu: 8}}
links:
  - {between: [a, b], latency: 5ms, bandwidth: 100Gbps}
workloads:
  - id: jobs
    class: job
    origins: {a: 1, b: 1}
    arrivals: {process: poisson, rate: 7/s}
    demand: {gpu: 1}
    duration: {dist: exponential, mean: 2.1s}
policies:
  scheduler: least-loaded
  queue: fifo
)";

std::string write_scenario(const TempDir& dir) {
  const std::string path = dir.file("two-regions.yaml");
  std::ofstream(path) << kTwoRegions;
  return path;
}

Model load(const std::string& path, const std::vector<scenario::Override>& overrides) {
  scenario::LoadResult loaded = scenario::load_scenario_file(path, overrides);
  REQUIRE(loaded.diagnostics.format() == "");
  Diagnostics diagnostics;
  Model model = build_model(loaded.spec, diagnostics);
  REQUIRE(diagnostics.format() == "");
  return model;
}

double metric(const std::vector<compare::MetricValue>& run, const std::string& path) {
  for (const auto& [name, value] : run)
    if (name == path) return value;
  FAIL("no metric " << path);
  return 0.0;
}

}  // namespace

TEST_CASE("compare uses common random numbers: replication i has the same arrivals in every variant", "[compare]") {
  TempDir dir;
  const std::string scenario = write_scenario(dir);
  std::vector<Model> models;
  for (const char* scheduler : {"least-loaded", "random", "round-robin"})
    models.push_back(load(scenario, {{"policies.scheduler", scheduler}, {"horizon", "30m"}, {"warmup", "5m"}}));
  const std::size_t replications = 3;
  const auto runs = compare::run_all(models, replications, 2);
  REQUIRE(runs.size() == 9);
  for (std::size_t r = 0; r < replications; ++r) {
    const double arrived = metric(runs[r], "global.tasks.arrived");
    for (std::size_t v = 1; v < models.size(); ++v) {
      INFO("variant " << v << ", replication " << r);
      CHECK(metric(runs[v * replications + r], "global.tasks.arrived") == arrived);
      CHECK(metric(runs[v * replications + r], "regions.small.tasks.arrived") !=
            metric(runs[r], "regions.small.tasks.arrived"));  // the policies did differ
    }
    if (r > 0) CHECK(arrived != metric(runs[0], "global.tasks.arrived"));  // replications are independent
  }

  // Stronger: every task's origin and arrival instant, from tasks.csv of replication 2.
  const auto arrivals = [&](const Model& model, const std::string& out) {
    Model with_tasks = model;
    with_tasks.outputs = {};
    with_tasks.outputs.tasks = true;
    run_simulation(with_tasks, compare::replication_request(2, out));
    std::vector<std::string> rows;
    for (const auto& row : read_csv(out + "/tasks.csv"))
      rows.push_back(row.at("id") + "," + row.at("origin") + "," + row.at("arrival"));
    std::sort(rows.begin(), rows.end());  // rows are written as tasks finish, which the policy changes
    return rows;
  };
  const auto first = arrivals(models[0], dir.file("a"));
  CHECK(first.size() > 1000);
  CHECK(first == arrivals(models[1], dir.file("b")));
  CHECK(first == arrivals(models[2], dir.file("c")));
}

TEST_CASE("compare's progress counts every run's events and the simulated time of runs in flight", "[compare]") {
  TempDir dir;
  const std::string scenario = write_scenario(dir);
  std::vector<Model> models;
  for (const char* scheduler : {"least-loaded", "random"})
    models.push_back(load(scenario, {{"policies.scheduler", scheduler}, {"horizon", "30m"}, {"warmup", "5m"}}));
  std::uint64_t expected_events = 0;
  for (const auto& model : models)
    for (std::size_t r = 0; r < 2; ++r)
      expected_events += run_simulation(model, compare::replication_request(r)).stats.events;

  std::vector<compare::Progress> seen;
  const auto runs = compare::run_all(models, 2, 2, [&](const compare::Progress& p) { seen.push_back(p); });
  REQUIRE(runs.size() == 4);
  REQUIRE_FALSE(seen.empty());
  std::size_t finished = 0;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    INFO("report " << i);
    CHECK(seen[i].total == 4);
    CHECK(seen[i].in_flight.size() <= 2);
    for (const auto& [now, horizon] : seen[i].in_flight) {
      CHECK(now >= 0.0);
      CHECK(horizon == 1800.0);
    }
    if (i > 0) CHECK(seen[i].done >= seen[i - 1].done);
    if (i > 0) CHECK(seen[i].events >= seen[i - 1].events);
    finished += i == 0 ? seen[i].done : seen[i].done - seen[i - 1].done;
  }
  CHECK(finished == 4);  // every finished run is reported
  CHECK(seen.back().done == 4);
  CHECK(seen.back().in_flight.empty());
  CHECK(seen.back().events == expected_events);  // the same count as each run's own
}

TEST_CASE("on a terminal the progress line shows events/s, and the files are the same as without it", "[compare]") {
  // `script` (util-linux) gives the command a terminal, as a user has.
  if (std::system("script -qec true /dev/null >/dev/null 2>&1") != 0) {
    WARN("no `script` command or no pseudo-terminal: progress line not checked");
    return;
  }
  TempDir dir;
  const std::string scenario = write_scenario(dir);
  const std::string args =
      "compare '" + scenario +
      "' --vary policies.scheduler=least-loaded,random --replications 2 --jobs 2 --set horizon=30m";
  const std::string command = "cd '" MERIDIAN_SOURCE_DIR "' && script -qec \"'" MERIDIAN_BINARY "' " + args + " -o '" +
                              dir.file("tty") + "'\" /dev/null 2>&1";
  std::string output;
  std::FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  INFO(output);
  REQUIRE(pclose(pipe) == 0);
  CHECK_THAT(output, Catch::Contains("compare: 2 variants x 2 replications on 2 threads"));
  CHECK_THAT(output, Catch::Contains("compare: 4/4 runs, "));
  CHECK_THAT(output, Catch::Contains(" events/s"));

  const CommandResult quiet = run_meridian(args + " --quiet -o " + dir.file("quiet"));
  REQUIRE(quiet.exit_code == 0);
  for (const char* name : {"compare.json", "compare.csv", "compare.html"}) {
    INFO(name);
    CHECK(read_file(dir.file("tty/") + name) == read_file(dir.file("quiet/") + name));
  }
}

TEST_CASE("compare gives byte-identical files with --jobs 1 and --jobs 2", "[compare]") {
  TempDir dir;
  const std::string scenario = write_scenario(dir);
  const std::string args =
      "compare '" + scenario +
      "' --vary policies.scheduler=least-loaded,random --vary workloads.jobs.arrivals.rate=4/s,5/s "
      "--replications 3 --quiet -o ";
  const CommandResult one = run_meridian(args + dir.file("one") + " --jobs 1");
  INFO(one.output);
  REQUIRE(one.exit_code == 0);
  const CommandResult two = run_meridian(args + dir.file("two") + " --jobs 2");
  INFO(two.output);
  REQUIRE(two.exit_code == 0);
  for (const char* name : {"compare.json", "compare.csv", "compare.html"}) {
    INFO(name);
    CHECK(read_file(dir.file("one/") + name) == read_file(dir.file("two/") + name));
  }

  const auto doc = nlohmann::json::parse(read_file(dir.file("one/compare.json")));
  CHECK(doc["replications"] == 3);
  CHECK(doc["varied"] == nlohmann::json::array({"policies.scheduler", "workloads.jobs.arrivals.rate"}));
  REQUIRE(doc["variants"].size() == 4);
  CHECK(doc["variants"][3]["values"]["policies.scheduler"] == "random");
  CHECK(doc["variants"][3]["values"]["workloads.jobs.arrivals.rate"] == "5/s");
  const auto& wait = doc["variants"][3]["metrics"]["global.wait_s.mean"];
  CHECK(wait["n"] == 3);
  CHECK(wait["ci_low"].get<double>() <= wait["mean"].get<double>());
  CHECK(wait["mean"].get<double>() <= wait["ci_high"].get<double>());
  CHECK(wait["difference"]["mean"].get<double>() > 0.0);  // random waits longer than least-loaded
  CHECK_FALSE(doc["variants"][0]["metrics"]["global.wait_s.mean"].contains("difference"));
  CHECK(doc["worse_when"]["global.wait_s.mean"] == "higher");

  // One CSV row per variant and metric, and a page with charts and no scripts.
  const std::string csv = read_file(dir.file("one/compare.csv"));
  std::size_t metrics = 0;
  for (const auto& v : doc["variants"]) metrics += v["metrics"].size();
  CHECK(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) == metrics + 1);
  const std::string html = read_file(dir.file("one/compare.html"));
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("Paired differences") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
}

TEST_CASE("a baseline passes for the same policy and fails with exit 1 for a worse one", "[compare]") {
  TempDir dir;
  const std::string scenario = write_scenario(dir);
  const std::string base =
      "compare '" + scenario + "' --vary policies.queue=fifo --replications 4 -o " + dir.file("out");
  const std::string baseline = dir.file("baselines/two.json");
  const CommandResult written = run_meridian(base + " --write-baseline " + baseline);
  INFO(written.output);
  REQUIRE(written.exit_code == 0);
  const auto stored = nlohmann::json::parse(read_file(baseline));
  CHECK(stored["variants"][0]["metrics"]["global.wait_s.mean"]["n"] == 4);

  const CommandResult same = run_meridian(base + " --baseline " + baseline + " --tolerance global.wait_s.mean=5%");
  INFO(same.output);
  CHECK(same.exit_code == 0);
  CHECK_THAT(same.output, Catch::Contains("no regression"));

  // Without --tolerance: the default headline metrics at 5 %.
  const CommandResult defaults = run_meridian(base + " --baseline " + baseline + " --quiet");
  INFO(defaults.output);
  CHECK(defaults.exit_code == 0);
  CHECK_THAT(defaults.output, Catch::Contains("global.response_s.p99"));

  // The same variant (queue fifo) with a scheduler that overloads the small region.
  const CommandResult worse = run_meridian(base + " --set policies.scheduler=random --baseline " + baseline +
                                           " --tolerance global.wait_s.mean=5% --tolerance global.utilization.gpu=1%");
  INFO(worse.output);
  CHECK(worse.exit_code == 1);
  CHECK_THAT(worse.output, Catch::Contains("FAIL  fifo  global.wait_s.mean"));
  CHECK_THAT(worse.output, Catch::Contains("→"));
  CHECK_THAT(worse.output, Catch::Contains("1 regression in 2 checks"));  // utilization is neutral
  // The files are written before the verdict, for CI to keep as artifacts.
  CHECK(fs::exists(dir.file("out/compare.html")));
}

TEST_CASE("the paired baseline check catches a worse policy that Welch's test misses", "[compare]") {
  TempDir dir;
  const std::string scenario = dir.file("busy-pair.yaml");
  std::ofstream(scenario) << kBusyPair;
  const std::string base = "compare '" + scenario + "' --vary policies.queue=fifo --quiet -o " + dir.file("out") + " ";
  const std::string baseline = dir.file("b.json");
  const CommandResult written = run_meridian(base + "--replications 3 --jobs 2 --write-baseline " + baseline);
  INFO(written.output);
  REQUIRE(written.exit_code == 0);
  // Deterministic: the same inputs give the same bytes, whatever the number of threads.
  REQUIRE(run_meridian(base + "--replications 3 --jobs 1 --write-baseline " + dir.file("again.json")).exit_code == 0);
  CHECK(read_file(baseline) == read_file(dir.file("again.json")));
  const auto doc = nlohmann::json::parse(read_file(baseline));
  CHECK(doc["seed"] == 7);
  CHECK(doc["replications"] == 3);
  CHECK(doc["variants"][0]["metrics"]["global.wait_s.mean"]["per_replication"].size() == 3);

  const std::string check = base + "--replications 3 --tolerance global.wait_s.mean=5% --baseline ";
  // The policy of the baseline passes.
  const CommandResult same = run_meridian(check + baseline);
  INFO(same.output);
  CHECK(same.exit_code == 0);
  CHECK_THAT(same.output, Catch::Contains("test: paired t-test on the per-replication differences (seed 7"));
  CHECK_THAT(same.output, Catch::Contains("no regression (1 check)"));

  // Round-robin waits ~60 % longer in every replication: the paired test fails it.
  const CommandResult worse = run_meridian(check + baseline + " --set policies.scheduler=round-robin");
  INFO(worse.output);
  CHECK(worse.exit_code == 1);
  CHECK_THAT(worse.output, Catch::Contains("FAIL  fifo  global.wait_s.mean"));
  CHECK_THAT(worse.output, Catch::Contains("significant (paired t = "));
  CHECK_THAT(worse.output, Catch::Contains("excludes 0"));

  // The same baseline without its per-replication values, as older versions wrote it: still
  // read, checked with Welch's test, which calls the same change noise, and says so.
  nlohmann::json old = doc;
  old.erase("seed");
  for (auto& [name, m] : old["variants"][0]["metrics"].items()) m.erase("per_replication");
  std::ofstream(dir.file("old.json")) << old.dump(2);
  const CommandResult unpaired = run_meridian(check + dir.file("old.json") + " --set policies.scheduler=round-robin");
  INFO(unpaired.output);
  CHECK(unpaired.exit_code == 0);
  CHECK_THAT(unpaired.output, Catch::Contains("test: Welch's unpaired t-test (less sensitive than the paired one): the "
                                              "baseline has no per-replication values"));
  CHECK_THAT(unpaired.output, Catch::Contains("but not significant (Welch t = "));

  // Another replication count or seed: replication i is not the same pair; Welch, said so.
  const CommandResult more = run_meridian(base + "--replications 4 --baseline " + baseline);
  INFO(more.output);
  CHECK_THAT(more.output, Catch::Contains("Welch's unpaired t-test (less sensitive than the paired one): the baseline "
                                          "has 3 replications, this comparison 4"));
  const CommandResult reseeded = run_meridian(check + baseline + " --set seed=8");
  INFO(reseeded.output);
  CHECK_THAT(reseeded.output, Catch::Contains("Welch's unpaired t-test (less sensitive than the paired one): the "
                                              "baseline used seed 7, this comparison seed 8"));
}

TEST_CASE("bad --vary and --tolerance end with exit 2 and a clear message", "[compare]") {
  TempDir dir;
  const std::string scenario = write_scenario(dir);
  const std::string compare = "compare '" + scenario + "' --replications 2 --quiet -o " + dir.file("out") + " ";
  const auto expect = [&](const std::string& args, const std::string& message) {
    const CommandResult r = run_meridian(compare + args);
    INFO(args << "\n" << r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains(message));
  };
  expect("--vary policies.scheduler", "--vary: policies.scheduler: expected PATH=V1,V2,...");
  expect("--vary 'policies.scheduler={name: random, x: 1'", "'{' is not closed");
  expect("--vary 'policies.queue=fifo,,priority'", "value 2 is empty");
  expect("--vary policies.queue=fifo --vary policies.queue=priority", "varied twice");
  expect("--vary policies.scheduler=least-loadd", "did you mean 'least-loaded'");
  expect("", "--vary is required");
  expect("--vary policies.queue=fifo --tolerance global.wait_s.mean=5%", "--tolerance requires --baseline");
  expect("--vary policies.queue=fifo --replications 0", "--replications");
  expect("--vary policies.queue=fifo --baseline " + dir.file("missing.json"), "cannot read the baseline file");

  REQUIRE(run_meridian(compare + "--vary policies.queue=fifo --write-baseline " + dir.file("b.json")).exit_code == 0);
  const std::string with_baseline = "--vary policies.queue=fifo --baseline " + dir.file("b.json") + " ";
  expect(with_baseline + "--tolerance global.wait_s.mean", "expected METRIC=PERCENT");
  expect(with_baseline + "--tolerance global.wait_s.mean=five", "'five' is not a percentage");
  expect(with_baseline + "--tolerance global.wait_s.mean=-5%", "is not a percentage");
  expect(with_baseline + "--tolerance global.wiat_s.mean=5%", "did you mean 'global.wait_s.mean'");
  expect("--vary policies.queue=priority --baseline " + dir.file("b.json"),
         "no variant of this comparison is in the baseline");
}
