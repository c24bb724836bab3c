// The shipped scenario data-gravity.yaml: running jobs where their data is (data-local) beats
// spreading them by load alone (least-loaded) on mean job response, by more than seed noise.
#include <catch2/catch.hpp>

#include "../support/scenario_run.hpp"

using namespace meridian;
using namespace meridian::testing;

TEST_CASE("data-gravity: data-local has a lower mean job response than least-loaded", "[scenario][network]") {
  // Replication i of both schedulers sees the same arrivals (common random numbers), so the
  // paired differences carry only the schedulers' effect; the claim must clear their 99.9 %
  // Student t interval, i.e. be larger than the seed-to-seed noise of the difference.
  constexpr std::size_t kReplications = 6;
  const Model data_local = model_from_file("scenarios/data-gravity.yaml", {{"policies.scheduler", "data-local"}});
  const Model least_loaded = model_from_file("scenarios/data-gravity.yaml", {{"policies.scheduler", "least-loaded"}});
  std::vector<double> gains;
  for (std::size_t i = 0; i < kReplications; ++i) {
    const double local = run_model(data_local, i).summary["global"]["response_s"]["mean"].get<double>();
    const double spread = run_model(least_loaded, i).summary["global"]["response_s"]["mean"].get<double>();
    gains.push_back(spread - local);
  }
  const Estimate gain = estimate(gains);
  INFO("least-loaded minus data-local, mean response: " << gain.mean << " s, SE " << gain.standard_error);
  CHECK(gain.mean > t_999(kReplications) * gain.standard_error);
  CHECK(gain.mean > 300.0);  // and large: five minutes per job at least (measured: 708 s, SE 81 s)
}
