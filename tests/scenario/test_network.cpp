// Transfers on the flow-level network, worked out by hand: jobs whose only way to a GPU is a
// link, so their start time is exactly when their input has arrived.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fstream>

#include "../support/scenario_run.hpp"

using namespace meridian;
using namespace meridian::testing;

namespace {

/// Jobs submitted at time 0 from `origin`, one hour of service each.
std::string jobs_at_zero(const TempDir& dir, int count) {
  const std::string path = dir.file("jobs.csv");
  std::ofstream out(path);
  out << "submit,duration,gpu\n";
  for (int i = 0; i < count; ++i) out << "0,3600,1\n";
  return path;
}

/// Regions `a` (users, no GPUs), `b` (GPUs) and optionally `c` (a detour); jobs from a read
/// 1 GB of input (1 s at 8 Gb/s) and return nothing.
std::string network_scenario(const std::string& trace, const std::string& links, const std::string& faults = "[]") {
  return fmt::format(R"(
meridian: 1
name: network
horizon: 1s
regions:
  - {{id: a, capacity: {{cpu: 1}}}}
  - {{id: b, capacity: {{gpu: 8}}}}
  - {{id: c, capacity: {{cpu: 1}}}}
links: {}
workloads:
  - id: train
    class: job
    origins: {{a: 1}}
    trace: {{file: {}}}
    input: 1GB
faults: {}
outputs: [summary, tasks]
)",
                     links, trace, faults);
}

/// Every task in tasks.csv started at the expected instant (seconds).
void check_starts(const TempDir& dir, std::vector<double> expected) {
  const auto rows = read_csv(dir.file("tasks.csv"));
  REQUIRE(rows.size() == expected.size());
  for (std::size_t i = 0; i < rows.size(); ++i) CHECK(std::stod(rows[i].at("start")) == Approx(expected[i]).margin(1e-9));
}

const char* kDirect = "[{between: [a, b], latency: 10ms, bandwidth: 8Gbps}]";

}  // namespace

TEST_CASE("one flow on one link takes latency plus size over bandwidth", "[scenario][network]") {
  TempDir dir;
  const RunResult run = run_model(model_from_yaml(network_scenario(jobs_at_zero(dir, 1), kDirect)), 0, dir.path());
  check_starts(dir, {1.010});
  const auto& link = run.summary["links"][0];
  CHECK(link["bytes"].get<double>() == Approx(1e9));
  CHECK(link["directions"][0]["from"] == "a");
  CHECK(link["directions"][0]["gb"].get<double>() == Approx(1.0));
  CHECK(link["directions"][1]["gb"].get<double>() == 0.0);
}

TEST_CASE("two flows on one link each get half of it", "[scenario][network]") {
  // Both move 1 GB at 4 Gb/s: 2 s, then the 10 ms of latency.
  TempDir dir;
  run_model(model_from_yaml(network_scenario(jobs_at_zero(dir, 2), kDirect)), 0, dir.path());
  check_starts(dir, {2.010, 2.010});
}

TEST_CASE("a link degraded mid-transfer slows the flow from then on", "[scenario][network]") {
  // 0.5 GB moved by 0.5 s at 8 Gb/s; the other 0.5 GB at 4 Gb/s takes 1 s: drained at 1.5 s.
  TempDir dir;
  run_model(model_from_yaml(network_scenario(jobs_at_zero(dir, 1), kDirect, "[{link: [a, b], at: 500ms, for: 1h, bandwidth: 4Gbps}]")),
            0, dir.path());
  check_starts(dir, {1.510});
}

TEST_CASE("a cut link re-routes the flow around it, at the detour's latency", "[scenario][network]") {
  // Cut at 0.5 s with 0.5 GB to go: the rest goes a-c-b at 8 Gb/s (0.5 s), and the last byte
  // arrives after the detour's 20 + 20 ms.
  TempDir dir;
  const std::string links = R"([{between: [a, b], latency: 10ms, bandwidth: 8Gbps},
         {between: [a, c], latency: 20ms, bandwidth: 8Gbps},
         {between: [c, b], latency: 20ms, bandwidth: 8Gbps}])";
  const RunResult run =
      run_model(model_from_yaml(network_scenario(jobs_at_zero(dir, 1), links, "[{link: [a, b], at: 500ms, for: 1h}]")), 0,
                dir.path());
  check_starts(dir, {1.040});
  const auto& links_out = run.summary["links"];
  CHECK(links_out[0]["bytes"].get<double>() == Approx(0.5e9));
  CHECK(links_out[1]["bytes"].get<double>() == Approx(0.5e9));
  CHECK(links_out[2]["bytes"].get<double>() == Approx(0.5e9));
}

TEST_CASE("a cut link with no way around stalls the flow until it mends", "[scenario][network]") {
  // Stalled from 0.5 s to 1.5 s with 0.5 GB to go: drained at 2 s.
  TempDir dir;
  run_model(model_from_yaml(network_scenario(jobs_at_zero(dir, 1), kDirect, "[{link: [a, b], at: 500ms, for: 1s}]")), 0,
            dir.path());
  check_starts(dir, {2.010});
}

TEST_CASE("a job waits to be placed while a cut leaves no route to any GPU", "[scenario][network]") {
  // The link is cut from before the job arrives (0.8 s) until 3 s: the job is placed at 3 s,
  // then moves its input in 1 s; it waited 2.2 s with nowhere to go.
  TempDir dir;
  const std::string path = dir.file("late.csv");
  std::ofstream(path) << "submit,duration,gpu\n0.8,3600,1\n";
  run_model(model_from_yaml(network_scenario(path, kDirect, "[{link: [a, b], at: 500ms, for: 2500ms}]")), 0, dir.path());
  const auto rows = read_csv(dir.file("tasks.csv"));
  REQUIRE(rows.size() == 1);
  CHECK(std::stod(rows[0].at("start")) == Approx(4.010).margin(1e-9));
  CHECK(std::stod(rows[0].at("wait")) == Approx(2.2).margin(1e-9));
}

TEST_CASE("a task reads its dataset from the replica, not from its origin", "[scenario][network]") {
  // The job comes from a (5 ms from b, unlimited) but its 1 GB input lives in c, 10 ms and
  // 8 Gb/s from b: it starts at 1.01 s; its (empty) result goes back to a in 5 ms.
  TempDir dir;
  const std::string yaml = fmt::format(R"(
meridian: 1
name: dataset-read
horizon: 1s
regions:
  - {{id: a, capacity: {{cpu: 1}}}}
  - {{id: b, capacity: {{gpu: 8}}}}
  - {{id: c, capacity: {{cpu: 1}}}}
links:
  - {{between: [a, b], latency: 5ms}}
  - {{between: [c, b], latency: 10ms, bandwidth: 8Gbps}}
datasets:
  - {{id: corpus, home: c, size: 1TB}}
workloads:
  - id: train
    class: job
    origins: {{a: 1}}
    trace: {{file: {}}}
    dataset: corpus
    input: 1GB
outputs: [summary, tasks]
)",
                                       jobs_at_zero(dir, 1));
  const RunResult run = run_model(model_from_yaml(yaml), 0, dir.path());
  const auto rows = read_csv(dir.file("tasks.csv"));
  REQUIRE(rows.size() == 1);
  CHECK(std::stod(rows[0].at("start")) == Approx(1.010).margin(1e-9));
  CHECK(std::stod(rows[0].at("response")) == Approx(3601.015).margin(1e-6));
  CHECK(run.summary["regions"]["c"]["egress_gb"].get<double>() == Approx(1.0));
  CHECK(run.summary["regions"]["a"]["egress_gb"].get<double>() == 0.0);
}

TEST_CASE("a task whose dataset is down waits until a replica is served again", "[scenario][network]") {
  // The data's only replica, in c, is down from 0 to 10 s; the job arrives at 0.5 s, waits
  // 9.5 s, then reads 1 GB in 1 s over c-b (10 ms): it starts at 11.01 s.
  TempDir dir;
  const std::string path = dir.file("job.csv");
  std::ofstream(path) << "submit,duration,gpu\n0.5,3600,1\n";
  const Model model = model_from_yaml(fmt::format(R"(
meridian: 1
name: dataset-down
horizon: 1s
regions:
  - {{id: b, capacity: {{gpu: 8}}}}
  - {{id: c, capacity: {{cpu: 1}}}}
links:
  - {{between: [c, b], latency: 10ms, bandwidth: 8Gbps}}
datasets:
  - {{id: corpus, home: c, size: 1TB}}
workloads:
  - id: train
    class: job
    origins: {{b: 1}}
    trace: {{file: {}}}
    dataset: corpus
    input: 1GB
faults:
  - {{region: c, at: 0s, for: 10s}}
outputs: [summary, tasks]
)",
                                                  path));
  run_model(model, 0, dir.path());
  const auto rows = read_csv(dir.file("tasks.csv"));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].at("region") == "b");
  CHECK(std::stod(rows[0].at("start")) == Approx(11.010).margin(1e-9));
  CHECK(std::stod(rows[0].at("wait")) == Approx(9.5).margin(1e-9));
}

TEST_CASE("the two directions of a link are separate channels; a directed link carries one way", "[scenario][network]") {
  // a has CPUs, b GPUs: a GPU job from a runs in b (1 GB a -> b) and a CPU job from b runs in
  // a (1 GB b -> a). On one undirected 8 Gb/s link each direction has all 8 Gb/s, so both
  // inputs take 1 s + 10 ms. With two directed links (a -> b 10 ms, b -> a 30 ms) each input
  // pays its own direction's latency.
  TempDir dir;
  std::ofstream(dir.file("gpu.csv")) << "submit,duration,gpu\n0,3600,1\n";
  std::ofstream(dir.file("cpu.csv")) << "submit,duration,cpu\n0,3600,1\n";
  const auto scenario = [&](const std::string& links) {
    return fmt::format(R"(
meridian: 1
name: directions
horizon: 1s
regions:
  - {{id: a, capacity: {{cpu: 8}}}}
  - {{id: b, capacity: {{gpu: 8}}}}
links: {}
workloads:
  - {{id: to-b, class: job, origins: {{a: 1}}, trace: {{file: {}}}, input: 1GB}}
  - {{id: to-a, class: job, origins: {{b: 1}}, trace: {{file: {}}}, input: 1GB}}
outputs: [summary, tasks]
)",
                       links, dir.file("gpu.csv"), dir.file("cpu.csv"));
  };
  run_model(model_from_yaml(scenario(kDirect)), 0, dir.path());
  check_starts(dir, {1.010, 1.010});
  run_model(model_from_yaml(scenario("[{between: [a, b], directed: true, latency: 10ms, bandwidth: 8Gbps}, "
                                     "{between: [b, a], directed: true, latency: 30ms, bandwidth: 8Gbps}]")),
            0, dir.path());
  check_starts(dir, {1.010, 1.030});
}

TEST_CASE("links.csv shows each direction's load, flows and bytes carried over time", "[scenario][network]") {
  // One 1 GB input at 8 Gb/s from 0 to 1 s: the sample at 0 s sees one flow at 8 Gb/s on a -> b
  // (full utilization) and nothing on b -> a; the one at 1 s sees it done, 1 GB carried.
  TempDir dir;
  Model model = model_from_yaml(network_scenario(jobs_at_zero(dir, 1), kDirect),
                                {{"sample_every", "1s"}, {"outputs", "[summary, timeseries]"}});
  run_model(model, 0, dir.path());
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::string>> at;  // (t, from) -> row
  for (const auto& row : read_csv(dir.file("links.csv"))) at[{row.at("t"), row.at("from")}] = row;
  const auto& start = at.at({"0.000", "a"});
  CHECK(start.at("to") == "b");
  CHECK(std::stod(start.at("bandwidth_gbps")) == Approx(8.0));
  CHECK(std::stod(start.at("load_gbps")) == Approx(8.0));
  CHECK(std::stod(start.at("utilization")) == Approx(1.0));
  CHECK(start.at("flows") == "1");
  CHECK(std::stod(at.at({"0.000", "b"}).at("load_gbps")) == 0.0);
  const auto& done = at.at({"1.000", "a"});
  CHECK(std::stod(done.at("load_gbps")) == 0.0);
  CHECK(done.at("flows") == "0");
  CHECK(std::stod(done.at("gb")) == Approx(1.0));
  CHECK(std::stod(at.at({"1.000", "b"}).at("gb")) == 0.0);
}
