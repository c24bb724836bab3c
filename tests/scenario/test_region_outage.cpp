// The shipped disaster-recovery scenario: us-east, the largest region and home of `us-orders`,
// fails for 4 h at 30 h. The replication policies order as their design says: the recovery
// point (RPO) none > full daily > async 15 min > sync = 0, and the recovery time (RTO) none
// (wait for the region) > full (restore a backup) > async = sync (take over after detection).
#include <catch2/catch.hpp>

#include "../support/scenario_run.hpp"

using namespace meridian;
using namespace meridian::testing;

namespace {
struct Recovery {
  double rpo_s, rpo_gb, rto_s, replication_gb;
  nlohmann::ordered_json copies;
};

Recovery recovery(const std::string& replication) {
  // The run stops 6 h after the outage: enough for every recovery, and cheaper.
  const Model model = model_from_file("scenarios/region-outage.yaml",
                                      {{"policies.replication", replication}, {"horizon", "36h"}});
  const RunResult run = run_model(model);
  const auto& d = run.summary["datasets"]["us-orders"];
  return {d["rpo"]["s"].get<double>(), d["rpo"]["gb"].get<double>(), d["rto_s"]["max"].get<double>(),
          d["replication_gb"].get<double>(), d["copies"]};
}
}  // namespace

TEST_CASE("region-outage: RPO none > full daily > async 15 min > sync = 0, and RTO follows", "[scenario][dr]") {
  const Recovery none = recovery("none");
  const Recovery full = recovery("{name: full, every: 1d, restore_rate: 100Gbps}");
  const Recovery async = recovery("{name: async, every: 15m}");
  const Recovery sync = recovery("sync");

  // The copy stays in the US although ca-central is nearer (residency: [US]).
  CHECK(async.copies == nlohmann::ordered_json::array({"us-west"}));
  CHECK(none.copies.empty());

  // Hand-computed bounds (the scenario's header works them out).
  CHECK(none.rpo_gb == Approx(50000));          // the whole dataset
  CHECK(none.rpo_s == Approx(30 * 3600));       // every write since the start
  CHECK(full.rpo_s == Approx(6 * 3600));        // since the 24 h backup began
  CHECK(full.rpo_gb == Approx(6 * 3600 * 0.05));
  CHECK(async.rpo_s > 0.0);
  CHECK(async.rpo_s <= 15 * 60 + 60);           // one period, plus the last shipment's flight
  CHECK(sync.rpo_s == 0.0);
  CHECK(sync.rpo_gb == 0.0);
  CHECK(none.rpo_s > full.rpo_s);
  CHECK(full.rpo_s > async.rpo_s);
  CHECK(none.rpo_gb > full.rpo_gb);
  CHECK(full.rpo_gb > async.rpo_gb);

  CHECK(none.rto_s == Approx(4 * 3600));              // the data returns with its region
  CHECK(full.rto_s == Approx(300 + 50e12 * 8 / 100e9));  // detection, then the restore
  CHECK(async.rto_s == Approx(300));
  CHECK(sync.rto_s == Approx(300));

  // Replication moves bytes over the same links as the tasks.
  CHECK(none.replication_gb == 0.0);
  CHECK(full.replication_gb >= 50000);
  CHECK(async.replication_gb > 0.0);
}
