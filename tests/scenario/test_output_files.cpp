// The per-task and trace outputs: shapes a script or Perfetto can rely on.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "../support/scenario_run.hpp"

using namespace meridian;
using namespace meridian::testing;

namespace {
// Two regions, an outage of one, and a trace whose second job no region can hold.
std::string outputs_scenario(const TempDir& dir) {
  const std::string trace = dir.file("jobs.csv");
  std::ofstream(trace) << "submit,duration,gpu,origin\n0,7200,4,a\n60,600,64,a\n120,3600,2,b\n";
  return fmt::format(R"(
meridian: 1
name: outputs
horizon: 1h
regions:
  - {{id: a, capacity: {{gpu: 8}}}}
  - {{id: b, capacity: {{gpu: 8}}}}
links:
  - {{between: [a, b], latency: 30ms, bandwidth: 10Gbps}}
workloads:
  - id: train
    class: job
    trace: {{file: {}}}
    input: 1GB
    checkpoint_every: 10m
    slo: 3h
policies: {{scheduler: origin}}
faults:
  - {{region: a, at: 30m, for: 20m}}
outputs: [summary, tasks, trace]
)",
                     trace);
}
}  // namespace

TEST_CASE("tasks.csv has one row per task; a task that never ran has no region, start or end", "[outputs]") {
  TempDir dir;
  const RunResult run = run_model(model_from_yaml(outputs_scenario(dir)), 0, dir.path());
  const auto rows = read_csv(dir.file("tasks.csv"));
  REQUIRE(rows.size() == 3);
  std::map<std::string, std::map<std::string, std::string>> by_id;
  for (const auto& row : rows) by_id[row.at("id")] = row;
  const auto& too_big = by_id.at("1");
  CHECK(too_big.at("region").empty());
  CHECK(too_big.at("start").empty());
  CHECK(too_big.at("end").empty());
  CHECK(too_big.at("slo_met") == "0");
  CHECK(run.summary["global"]["tasks"]["failed"] == 1);
  // The first job moved to b when a failed at 30 min, keeping its 30 min checkpoint.
  const auto& moved = by_id.at("0");
  CHECK(moved.at("region") == "b");
  CHECK(moved.at("restarts") == "1");
  CHECK(std::stod(moved.at("wait")) == Approx(0.0).margin(1e-9));
  for (const auto& row : rows) {
    if (row.at("region").empty()) continue;
    const double arrival = std::stod(row.at("arrival")), start = std::stod(row.at("start")),
                 end = std::stod(row.at("end"));
    CHECK(arrival <= start);
    CHECK(start <= end);
    CHECK(std::stod(row.at("response")) == Approx(end - arrival).margin(1e-6));
  }
}

TEST_CASE("trace.json is Chrome Trace Event JSON with matched slices and the outage", "[outputs]") {
  TempDir dir;
  run_model(model_from_yaml(outputs_scenario(dir)), 0, dir.path());
  const auto doc = nlohmann::json::parse(read_file(dir.file("trace.json")));
  REQUIRE(doc["traceEvents"].is_array());
  std::map<std::string, int> open;  // (cat, id) -> begins minus ends
  int outages = 0, tasks = 0, transfers = 0;
  for (const auto& e : doc["traceEvents"]) {
    const std::string ph = e["ph"];
    if (ph == "M") continue;
    CHECK(e["ts"].get<double>() >= 0.0);
    if (ph == "X") {
      CHECK(e["cat"] == "outage");
      CHECK(e["dur"].get<double>() == Approx(20 * 60 * 1e6));
      ++outages;
      continue;
    }
    const std::string key = e["cat"].get<std::string>() + "/" + e["id"].dump() + "/" + e["pid"].dump();
    if (ph == "b") {
      ++open[key];
      tasks += e["cat"] == "task";
      transfers += e["cat"] == "transfer";
    } else {
      REQUIRE(ph == "e");
      --open[key];
    }
  }
  for (const auto& [key, balance] : open) CHECK(balance == 0);
  CHECK(outages == 1);
  CHECK(tasks == 3);  // job 0 twice (interrupted, then finished elsewhere) and job 2
  CHECK(transfers >= 2);
}
