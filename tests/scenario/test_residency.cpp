// Data residency: EU-resident data on a platform whose spare GPUs are in the US. A naive
// scheduler would send the work there; `enforce` must stop every scheduler from doing so, and
// `audit` must let it happen and count exactly the tasks that ran outside the EU.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "../support/scenario_run.hpp"
#include "meridian/policy/registry.hpp"

using namespace meridian;
using namespace meridian::testing;

namespace {

std::string platform(const std::string& scheduler, const std::string& mode) {
  return fmt::format(R"(
meridian: 1
name: residency
seed: 3
horizon: 12h
regions:
  - {{id: us-east, jurisdiction: US, capacity: {{gpu: 256}}, location: {{lat: 39.0, lon: -77.5}}}}
  - {{id: eu-west, jurisdiction: EU, capacity: {{gpu: 32}}, location: {{lat: 53.3, lon: -6.3}}}}
  - {{id: eu-central, jurisdiction: EU, capacity: {{gpu: 32}}, location: {{lat: 50.1, lon: 8.7}}}}
  - {{id: uk-london, jurisdiction: UK, capacity: {{gpu: 64}}, location: {{lat: 51.5, lon: -0.1}}}}
links:
  - {{between: [us-east, eu-west], bandwidth: 100Gbps}}
  - {{between: [eu-west, eu-central], bandwidth: 100Gbps}}
  - {{between: [eu-west, uk-london], bandwidth: 100Gbps}}
datasets:
  - {{id: eu-customers, home: eu-west, size: 5TB, residency: [EU]}}
workloads:
  - id: analytics
    class: job
    origins: {{us-east: 3, eu-west: 1}}
    arrivals: {{process: poisson, rate: 40/h}}
    demand: {{gpu: {{choice: [4, 8], weights: [1, 1]}}}}
    duration: {{dist: exponential, mean: 1h}}
    dataset: eu-customers
    input: 10GB
policies: {{scheduler: {}, residency: {}}}
outputs: [summary, tasks]
)",
                     scheduler, mode);
}

std::vector<std::string> schedulers() {
  std::vector<std::string> names;
  for (const PolicyEntry& e : builtin_policies())
    if (e.family == PolicyFamily::Scheduler) names.emplace_back(e.name);
  return names;
}

}  // namespace

TEST_CASE("residency: enforce keeps EU data in the EU under every scheduler", "[scenario][residency]") {
  for (const std::string& scheduler : schedulers()) {
    INFO("scheduler " << scheduler);
    TempDir dir;
    const RunResult run = run_model(model_from_yaml(platform(scheduler, "enforce")), 0, dir.path());
    CHECK(run.summary["global"]["residency_violations"] == 0);
    CHECK(run.summary["datasets"]["eu-customers"]["residency_violations"] == 0);
    std::size_t ran = 0;
    for (const auto& row : read_csv(dir.file("tasks.csv"))) {
      if (row.at("region").empty()) continue;
      ++ran;
      CHECK((row.at("region") == "eu-west" || row.at("region") == "eu-central"));
    }
    CHECK(ran > 100);
  }
}

TEST_CASE("residency: audit runs anyway and counts exactly the tasks that ran outside the EU", "[scenario][residency]") {
  bool some_scheduler_violates = false;
  for (const std::string& scheduler : schedulers()) {
    INFO("scheduler " << scheduler);
    TempDir dir;
    const RunResult run = run_model(model_from_yaml(platform(scheduler, "audit")), 0, dir.path());
    std::uint64_t outside = 0;
    std::map<std::string, std::uint64_t> outside_by_region;
    for (const auto& row : read_csv(dir.file("tasks.csv"))) {
      const std::string& region = row.at("region");
      if (region.empty() || region == "eu-west" || region == "eu-central") continue;
      ++outside;
      ++outside_by_region[region];
    }
    CHECK(run.summary["global"]["residency_violations"] == outside);
    CHECK(run.summary["datasets"]["eu-customers"]["residency_violations"] == outside);
    for (const char* region : {"us-east", "uk-london", "eu-west"})
      CHECK(run.summary["regions"][region]["residency_violations"] == outside_by_region[region]);
    some_scheduler_violates = some_scheduler_violates || outside > 0;
  }
  // The scenario is a real test of enforcement: left alone, schedulers do use the US and UK.
  CHECK(some_scheduler_violates);
}
