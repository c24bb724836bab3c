// Disaster recovery worked out by hand: replication policies' recovery points and shipment
// sizes, failover and restore times, follow-the-sun manual failover, and the availability of
// random outages against MTBF / (MTBF + MTTR).
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <fstream>

#include "../support/scenario_run.hpp"

using namespace meridian;
using namespace meridian::testing;

namespace {

/// Two EU regions and a nearer US one. `records` lives in eu-west and may stay in the EU only,
/// so its copy goes to eu-central (20 ms, 10 Gbps) although us-east is nearer (10 ms).
/// No work runs: only the data and its faults.
std::string eu_platform(const std::string& horizon, const std::string& dataset, const std::string& policies,
                        const std::string& faults) {
  return fmt::format(R"(
meridian: 1
name: dr
start: 2026-01-05T00:00:00Z
horizon: {}
sample_every: 1h
regions:
  - {{id: eu-west, timezone: Europe/London, jurisdiction: EU, capacity: {{gpu: 8}}, egress: 0.02/GB}}
  - {{id: eu-central, timezone: Europe/Berlin, jurisdiction: EU, capacity: {{gpu: 8}}}}
  - {{id: us-east, timezone: America/New_York, jurisdiction: US, capacity: {{gpu: 8}}}}
links:
  - {{between: [eu-west, eu-central], latency: 20ms, bandwidth: 10Gbps}}
  - {{between: [eu-west, us-east], latency: 10ms, bandwidth: 100Gbps}}
datasets:
  - {{id: records, home: eu-west, {}, residency: [EU]}}
workloads:
  - id: idle
    class: job
    origins: {{eu-west: 1}}
    arrivals: {{process: fixed, rate: 1/d}}
    demand: {{gpu: 1}}
    duration: 1s
policies: {}
faults: {}
)",
                     horizon, dataset, policies, faults);
}

const nlohmann::ordered_json& records(const RunResult& run) { return run.summary["datasets"]["records"]; }

double number(const nlohmann::ordered_json& j) { return j.get<double>(); }

}  // namespace

TEST_CASE("async every 15 min loses the writes since the last completed shipment", "[scenario][dr]") {
  // 10 MB/s of writes; every 15 min the writes since the last shipment (9 GB) go to eu-central,
  // 7.2 s at 10 Gbps. eu-west fails at 2 h 05 min: the 2 h shipment has landed, so 5 min of
  // writes (3 GB) are exposed. The replica takes over after the 2 min detection.
  const std::string dataset = "size: 1TB, write_rate: 10MB/s";
  const std::string policies = "{replication: {name: async, every: 15m}, failover: {mode: automatic, detect: 2m}}";
  const RunResult run = run_model(model_from_yaml(eu_platform("8h", dataset, policies, "[{region: eu-west, at: 125m, for: 4h}]")));
  const auto& d = records(run);
  CHECK(d["copies"] == nlohmann::ordered_json::array({"eu-central"}));
  CHECK(number(d["rpo"]["s"]) == Approx(300));
  CHECK(number(d["rpo"]["gb"]) == Approx(3.0));
  CHECK(d["failovers"] == 1);
  CHECK(number(d["data_lost"]["gb"]) == Approx(3.0));
  CHECK(number(d["rto_s"]["mean"]) == Approx(120));
  CHECK(d["primary_at_end"] == "eu-central");
  CHECK(number(run.summary["global"]["rpo"]["s"]) == Approx(300));

  // Failing 3 s into the 2 h shipment, that shipment is lost too: 15 min + 3 s of writes.
  const RunResult mid = run_model(model_from_yaml(eu_platform("8h", dataset, policies, "[{region: eu-west, at: 7203s, for: 4h}]")));
  CHECK(number(records(mid)["rpo"]["s"]) == Approx(903));
  CHECK(number(records(mid)["rpo"]["gb"]) == Approx(9.03));
}

TEST_CASE("sync loses nothing and holds each writing task for one round trip to the replica", "[scenario][dr]") {
  // One 100 s job reads (and so writes) `records` in eu-west. Under sync it completes one round
  // trip to eu-central (2 x 20 ms) later than without replication; an outage loses nothing.
  TempDir dir;
  const std::string trace = dir.file("job.csv");
  std::ofstream(trace) << "submit,duration,gpu\n0,100,1\n";
  const auto scenario = [&](const std::string& replication, const std::string& out) {
    const std::string yaml = fmt::format(R"(
meridian: 1
name: sync
horizon: 2h
regions:
  - {{id: eu-west, jurisdiction: EU, capacity: {{gpu: 8}}}}
  - {{id: eu-central, jurisdiction: EU, capacity: {{gpu: 8}}}}
links:
  - {{between: [eu-west, eu-central], latency: 20ms, bandwidth: 10Gbps}}
datasets:
  - {{id: records, home: eu-west, size: 1TB, write_rate: 10MB/s}}
workloads:
  - id: job
    class: job
    origins: {{eu-west: 1}}
    trace: {{file: {}}}
    dataset: records
policies: {{scheduler: origin, replication: {}}}
faults: [{{region: eu-west, at: 30m, for: 1h}}]
outputs: [summary, tasks]
)",
                                         trace, replication);
    const RunResult run = run_model(model_from_yaml(yaml), 0, out);
    return std::pair{run, std::stod(read_csv(out + "/tasks.csv").at(0).at("end"))};
  };
  std::filesystem::create_directories(dir.file("none"));
  std::filesystem::create_directories(dir.file("sync"));
  const auto [plain, plain_end] = scenario("none", dir.file("none"));
  const auto [sync, sync_end] = scenario("{name: sync, every: 1m}", dir.file("sync"));
  CHECK(plain_end == Approx(100.0));
  CHECK(sync_end - plain_end == Approx(0.040).margin(1e-9));
  CHECK(number(records(sync)["rpo"]["s"]) == 0.0);
  CHECK(number(records(sync)["data_lost"]["gb"]) == 0.0);
  CHECK(records(sync)["failovers"] == 1);
  // Without a copy the whole dataset is exposed, and it waits for its region.
  CHECK(number(records(plain)["rpo"]["gb"]) == Approx(1000.0));
  CHECK(records(plain)["failovers"] == 0);
  CHECK(number(records(plain)["rto_s"]["mean"]) == Approx(3600));
}

TEST_CASE("a week of full, incremental and differential backups ships what their formulas say", "[scenario][dr]") {
  // 10 TB, 10 MB/s of writes = 864 GB a day; a backup each day for 7 days (the 7th starts at
  // 7 d and, when full, needs 8000 s at 10 Gbps: it lands before the 7 d 3 h horizon, and only
  // shipments that land count); incremental and differential take a full one weekly.
  //   full:         7 x 10 000 GB                          = 70 000 GB
  //   incremental:  6 x 864 GB + 10 000 GB                 = 15 184 GB
  //   differential: (1 + 2 + ... + 6) x 864 GB + 10 000 GB = 28 144 GB
  // Each leaves eu-west at its egress price, 0.02 $/GB.
  const std::string dataset = "size: 10TB, write_rate: 10MB/s";
  const auto shipped = [&](const std::string& replication) {
    const RunResult run = run_model(model_from_yaml(eu_platform("171h", dataset, "{replication: " + replication + "}", "[]")));
    CHECK(records(run)["shipments"] == 7);
    return std::pair{number(records(run)["replication_gb"]), number(records(run)["replication_cost_usd"])};
  };
  const auto [full_gb, full_usd] = shipped("{name: full, every: 1d}");
  CHECK(full_gb == Approx(70000));
  CHECK(full_usd == Approx(70000 * 0.02));
  CHECK(shipped("{name: incremental, every: 1d, full_every: 1w}").first == Approx(15184));
  CHECK(shipped("{name: differential, every: 1d, full_every: 1w}").first == Approx(28144));
}

TEST_CASE("a backup is restored at its restore rate before it serves the data", "[scenario][dr]") {
  // Daily full backups of 1 TB; eu-west fails at 25 h for 6 h. After the 2 min detection the
  // backup from 24 h is restored at 10 Gbps: 8e12 bit / 1e10 bit/s = 800 s. RTO = 920 s, and
  // the hour of writes since that backup began is lost (36 GB).
  const RunResult run = run_model(model_from_yaml(eu_platform(
      "2d", "size: 1TB, write_rate: 10MB/s",
      "{replication: {name: full, every: 1d, restore_rate: 10Gbps}, failover: {mode: automatic, detect: 2m}}",
      "[{region: eu-west, at: 25h, for: 6h}]")));
  const auto& d = records(run);
  CHECK(number(d["rto_s"]["mean"]) == Approx(920));
  CHECK(number(d["rpo"]["s"]) == Approx(3600));
  CHECK(number(d["data_lost"]["gb"]) == Approx(36));
  CHECK(d["primary_at_end"] == "eu-central");
}

TEST_CASE("manual failover waits for the next shift anywhere in the world", "[scenario][dr]") {
  // Simulated time 0 is Monday 2026-01-05 00:00 UTC. ap-tokyo fails at 17 h, Tuesday 02:00 in
  // Tokyo, for 12 h. A Tokyo team on 09:00-18:00 first acts at Tuesday 09:00 Tokyo = 24 h UTC:
  // RTO = 7 h + the 2 min detection. A London team on an evening shift 19:00-04:00 acts at
  // Monday 19:00 London (= UTC in January): RTO = 2 h + 2 min. A London day shift that ends
  // at 17:00 is gone by the outage and changes nothing.
  const auto rto = [](const std::string& teams, const std::string& outage = "at: 17h, for: 12h",
                      const std::string& horizon = "2d") {
    const std::string yaml = fmt::format(R"(
meridian: 1
name: follow-the-sun
start: 2026-01-05T00:00:00Z
horizon: {}
sample_every: 1h
regions:
  - {{id: ap-tokyo, timezone: Asia/Tokyo, capacity: {{gpu: 8}}}}
  - {{id: ap-osaka, timezone: Asia/Tokyo, capacity: {{gpu: 8}}}}
  - {{id: eu-west, timezone: Europe/London, capacity: {{gpu: 8}}}}
links:
  - {{between: [ap-tokyo, ap-osaka], latency: 4ms, bandwidth: 10Gbps}}
  - {{between: [ap-tokyo, eu-west], latency: 110ms, bandwidth: 10Gbps}}
datasets:
  - {{id: records, home: ap-tokyo, size: 1TB, write_rate: 1MB/s}}
teams: {}
workloads:
  - {{id: idle, class: job, origins: {{ap-tokyo: 1}}, arrivals: {{process: fixed, rate: 1/d}}, demand: {{gpu: 1}}, duration: 1s}}
policies:
  replication: {{name: async, every: 15m}}
  failover: {{mode: manual, detect: 2m}}
faults: [{{region: ap-tokyo, {}}}]
)",
                                         horizon, teams, outage);
    const RunResult run = run_model(model_from_yaml(yaml));
    CHECK(run.summary["datasets"]["records"]["copies"] == nlohmann::ordered_json::array({"ap-osaka"}));
    return run.summary["datasets"]["records"]["rto_s"]["mean"].get<double>();
  };
  const std::string tokyo = R"({id: sre-tokyo, region: ap-tokyo, shift: "09:00-18:00", days: mon-fri})";
  CHECK(rto("[" + tokyo + "]") == Approx(7 * 3600 + 120));
  CHECK(rto("[" + tokyo + R"(, {id: sre-london, region: eu-west, shift: "19:00-04:00", days: mon-fri}])") ==
        Approx(2 * 3600 + 120));
  CHECK(rto("[" + tokyo + R"(, {id: sre-london, region: eu-west, shift: "09:00-17:00", days: mon-fri}])") ==
        Approx(7 * 3600 + 120));
  // At the weekend nobody in Tokyo works: an outage at Saturday 02:00 Tokyo (Friday 17:00 UTC,
  // 4 d 17 h) waits for Monday 09:00 Tokyo (Monday 00:00 UTC, 7 d): 55 h + 2 min.
  CHECK(rto("[" + tokyo + "]", "at: 113h, for: 72h", "8d") == Approx(55 * 3600 + 120));
}

TEST_CASE("random outages: observed availability matches MTBF / (MTBF + MTTR)", "[scenario][dr][theory]") {
  // Two regions fail at random ("*": each its own stream), MTBF 20 d, MTTR 1 d: availability
  // 20/21 = 0.95238. Ten replications of ~29 years each (~500 failures per region). The
  // renewal-reward theorem gives the same availability for any time-to-failure distribution
  // with that mean, so Weibull failures (shape 0.7: early failures; 2.5: wear-out) must match
  // too. Each estimate's 99.9 % Student-t interval over the replications must hold the theory,
  // and be narrower than 1 % of it.
  for (const std::string dist : {"", ", dist: weibull, shape: 0.7", ", dist: weibull, shape: 2.5"}) {
    const Model model = model_from_yaml(fmt::format(R"(
meridian: 1
name: availability
horizon: 1500w
sample_every: 1w
regions:
  - {{id: a, capacity: {{gpu: 8}}}}
  - {{id: b, capacity: {{gpu: 8}}}}
workloads:
  - {{id: idle, class: job, arrivals: {{process: fixed, rate: 1/w}}, demand: {{gpu: 1}}, duration: 1s}}
faults: [{{region: "*", mtbf: 20d, mttr: 1d{}}}]
)",
                                                    dist));
    for (const std::string region : {"a", "b"}) {
      std::vector<double> availability;
      for (std::uint64_t rep = 0; rep < 10; ++rep)
        availability.push_back(run_model(model, rep).summary["regions"][region]["availability"].get<double>());
      const Estimate e = estimate(availability);
      const double theory = 20.0 / 21.0;
      INFO("dist '" << dist << "' region " << region << ": " << e.mean << " +- " << e.standard_error);
      CHECK(std::abs(e.mean - theory) <= t_999(e.n) * e.standard_error);
      CHECK(t_999(e.n) * e.standard_error < 0.01 * theory);
    }
  }
}

TEST_CASE("a partial loss stops the newest tasks over what is left, and the rest run on", "[scenario][faults]") {
  // Four 10 h jobs of 2 GPUs start at 0, 1, 2 and 3 h in an 8-GPU region (hourly checkpoints).
  // At 3 h 30 min half the GPUs fail for 2 h: 4 GPUs remain, so the two newest jobs (started at
  // 2 h and 3 h) stop, losing 30 min each (2 GPU-h in all) and resume at 5 h 30 min. The others
  // never notice. The region stays up and is not counted as an outage.
  TempDir dir;
  const std::string trace = dir.file("jobs.csv");
  std::ofstream(trace) << "submit,duration,gpu\n0,36000,2\n3600,36000,2\n7200,36000,2\n10800,36000,2\n";
  const Model model = model_from_yaml(fmt::format(R"(
meridian: 1
name: partial
horizon: 4h
regions:
  - {{id: solo, capacity: {{gpu: 8}}}}
workloads:
  - {{id: train, class: job, trace: {{file: {}}}, checkpoint_every: 1h}}
faults: [{{region: solo, at: 210m, for: 2h, fraction: 0.5}}]
outputs: [summary, tasks]
)",
                                                  trace));
  const RunResult run = run_model(model, 0, dir.path());
  const auto rows = read_csv(dir.file("tasks.csv"));
  REQUIRE(rows.size() == 4);
  const double h = 3600;
  CHECK(std::stod(rows[0].at("end")) == Approx(10 * h));
  CHECK(std::stod(rows[1].at("end")) == Approx(11 * h));
  CHECK(rows[0].at("restarts") == "0");
  CHECK(rows[1].at("restarts") == "0");
  // Started at 2 h, 1 h done at its 3 h checkpoint; resumes at 5.5 h with 9 h to go.
  CHECK(rows[2].at("restarts") == "1");
  CHECK(std::stod(rows[2].at("end")) == Approx(14.5 * h));
  // Started at 3 h, nothing checkpointed; resumes at 5.5 h with all 10 h to go.
  CHECK(rows[3].at("restarts") == "1");
  CHECK(std::stod(rows[3].at("end")) == Approx(15.5 * h));
  const auto& solo = run.summary["regions"]["solo"];
  CHECK(solo["outages"] == 0);
  CHECK(solo["partial_outages"] == 1);
  CHECK(solo["capacity_lost_unit_h"]["gpu"].get<double>() == Approx(8.0));
  CHECK(solo["work_lost_gpu_h"].get<double>() == Approx(2.0));
}
