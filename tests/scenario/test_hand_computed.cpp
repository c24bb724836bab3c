// Tiny scenarios whose every number can be worked out by hand.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fstream>

#include "../support/scenario_run.hpp"

using namespace meridian;
using namespace meridian::testing;

namespace {
/// Writes a one-job CSV trace (submitted at 0) and returns its path.
std::string one_job_trace(const TempDir& dir, double seconds, int gpus) {
  const std::string path = dir.file("one-job.csv");
  std::ofstream(path) << "submit,duration,gpu\n0," << seconds << "," << gpus << "\n";
  return path;
}
}  // namespace

TEST_CASE("an outage sends a job back to its last checkpoint; with no other region it waits", "[scenario]") {
  // A 10 h job on 4 GPUs checkpoints hourly. The only region fails at 2.5 h for 1 h: 0.5 h of
  // work is lost (2 GPU-hours), the job waits 1 h, resumes from 2 h and ends at 3.5 + 8 = 11.5 h.
  TempDir dir;
  const Model model = model_from_yaml(fmt::format(R"(
meridian: 1
name: checkpoint
horizon: 1h
regions:
  - {{id: solo, capacity: {{gpu: 8}}}}
workloads:
  - id: train
    class: job
    trace: {{file: {}}}
    checkpoint_every: 1h
faults:
  - {{region: solo, at: 150m, for: 1h}}
outputs: [summary, tasks]
)",
                                                  one_job_trace(dir, 36000, 4)));
  const RunResult run = run_model(model, 0, dir.path());
  const auto rows = read_csv(dir.file("tasks.csv"));
  REQUIRE(rows.size() == 1);
  CHECK(std::stod(rows[0].at("end")) == Approx(11.5 * 3600));
  CHECK(std::stod(rows[0].at("wait")) == Approx(3600));
  CHECK(rows[0].at("restarts") == "1");
  const auto& solo = run.summary["regions"]["solo"];
  CHECK(solo["work_lost_gpu_h"].get<double>() == Approx(2.0));
  CHECK(solo["outages"] == 1);
  CHECK(solo["downtime_s"].get<double>() == Approx(3600));
  CHECK(run.summary["global"]["tasks"]["restarted"] == 1);
}

TEST_CASE("an outage moves a job to another region, paying the route's latency both ways", "[scenario]") {
  // Same job; a second region 50 ms away takes it at 2.5 h: it starts 50 ms later from the 2 h
  // checkpoint, runs 8 h, and its (empty) output pays 50 ms back: response 10.5 h + 100 ms.
  TempDir dir;
  const Model model = model_from_yaml(fmt::format(R"(
meridian: 1
name: failover
horizon: 1h
regions:
  - {{id: home, capacity: {{gpu: 8}}}}
  - {{id: away, capacity: {{gpu: 8}}}}
links:
  - {{between: [home, away], latency: 50ms, bandwidth: 10Gbps}}
workloads:
  - id: train
    class: job
    origins: {{home: 1}}
    trace: {{file: {}}}
    checkpoint_every: 1h
policies: {{scheduler: origin}}
faults:
  - {{region: home, at: 150m, for: 1h}}
outputs: [summary, tasks]
)",
                                                  one_job_trace(dir, 36000, 4)));
  run_model(model, 0, dir.path());
  const auto rows = read_csv(dir.file("tasks.csv"));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].at("region") == "away");
  CHECK(std::stod(rows[0].at("response")) == Approx(10.5 * 3600 + 0.1).margin(1e-6));
  CHECK(std::stod(rows[0].at("transfer")) == Approx(0.1).margin(1e-9));
}

TEST_CASE("input and output move at latency plus size over bandwidth, and are billed as egress", "[scenario]") {
  // 2 GB in over 8 Gbps (1 GB/s) with 20 ms latency: 2.02 s; 10 s of service; 1 GB back: 1.02 s.
  TempDir dir;
  const Model model = model_from_yaml(R"(
meridian: 1
name: transfer
horizon: 1s
regions:
  - {id: edge, capacity: {cpu: 4}, egress: 0.05/GB}
  - {id: core, capacity: {gpu: 8}, egress: 0.02/GB}
links:
  - {between: [edge, core], latency: 20ms, bandwidth: 8Gbps}
workloads:
  - id: infer
    class: request
    origins: {edge: 1}
    arrivals: {process: fixed, rate: 2/s}
    demand: {gpu: 1}
    duration: 10s
    input: 2GB
    output: 1GB
outputs: [summary, tasks]
)");
  const RunResult run = run_model(model, 0, dir.path());
  const auto rows = read_csv(dir.file("tasks.csv"));
  REQUIRE(rows.size() == 1);  // fixed 2/s: one arrival at 0.5 s, the next would be at the horizon
  CHECK(rows[0].at("region") == "core");
  CHECK(std::stod(rows[0].at("arrival")) == Approx(0.5));
  CHECK(std::stod(rows[0].at("response")) == Approx(2.02 + 10 + 1.02).margin(1e-6));
  CHECK(std::stod(rows[0].at("transfer")) == Approx(3.04).margin(1e-6));
  const auto& g = run.summary["global"];
  CHECK(g["egress_gb"].get<double>() == Approx(3.0));
  CHECK(g["egress_cost_usd"].get<double>() == Approx(2 * 0.05 + 1 * 0.02));
  CHECK(run.summary["links"][0]["bytes"].get<double>() == Approx(3e9));
}

TEST_CASE("cost, energy and carbon follow prices, power and intensity", "[scenario]") {
  // One job holds 5 of 10 GPUs for 2 h. Cost 5 x 2 h x $2 = $20. Power: 5 busy x 1 kW +
  // 5 idle x 0.5 kW = 7.5 kW, x PUE 1.2 = 9 kW, for 2 h = 18 kWh; at 500 g/kWh, 9 kg.
  TempDir dir;
  const Model model = model_from_yaml(fmt::format(R"(
meridian: 1
name: accounting
horizon: 1h
regions:
  - id: r
    capacity: {{gpu: 10}}
    price: {{gpu: 2/h}}
    power: {{gpu: 1kW, idle: 0.5, pue: 1.2}}
    carbon: 500
workloads:
  - id: train
    class: job
    trace: {{file: {}}}
outputs: [summary]
)",
                                                  one_job_trace(dir, 7200, 5)));
  const RunResult run = run_model(model, 0, dir.path());
  const auto& r = run.summary["regions"]["r"];
  CHECK(r["compute_cost_usd"].get<double>() == Approx(20.0));
  CHECK(r["energy_kwh"].get<double>() == Approx(18.0));
  CHECK(r["carbon_kg"].get<double>() == Approx(9.0));
  CHECK(r["utilization"]["gpu"].get<double>() == Approx(0.5));
  CHECK(run.summary["workloads"]["train"]["cost_usd"].get<double>() == Approx(20.0));
}

TEST_CASE("residency: enforce keeps EU data in the EU; audit counts each task run outside", "[scenario]") {
  const std::string yaml = R"(
meridian: 1
name: residency
horizon: 1h
regions:
  - {id: us, jurisdiction: US, capacity: {gpu: 100}}
  - {id: eu, jurisdiction: EU, capacity: {gpu: 100}}
links:
  - {between: [us, eu], latency: 40ms}
datasets:
  - {id: patients, home: eu, size: 1TB, residency: [EU]}
workloads:
  - id: analyse
    class: job
    origins: {us: 1, eu: 1}
    arrivals: {process: poisson, rate: 120/h}
    demand: {gpu: 1}
    duration: {dist: exponential, mean: 10m}
    dataset: patients
policies: {scheduler: round-robin}
outputs: [summary, tasks]
)";
  for (const char* scheduler : {"origin", "round-robin", "random", "weighted", "least-loaded", "latency-aware"}) {
    INFO(scheduler);
    const RunResult enforced = run_model(model_from_yaml(yaml, {{"policies.scheduler", scheduler}}));
    CHECK(enforced.summary["global"]["residency_violations"] == 0);
    CHECK(enforced.summary["regions"]["us"]["tasks"]["completed"] == 0);
  }
  TempDir dir;
  const RunResult audited = run_model(model_from_yaml(yaml, {{"policies.residency", "audit"}}), 0, dir.path());
  std::uint64_t ran_in_us = 0;
  for (const auto& row : read_csv(dir.file("tasks.csv"))) ran_in_us += row.at("region") == "us";
  CHECK(ran_in_us > 0);
  CHECK(audited.summary["global"]["residency_violations"] == ran_in_us);
  CHECK(audited.summary["datasets"]["patients"]["residency_violations"] == ran_in_us);
}
