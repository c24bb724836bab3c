// Replays of real public traces from ../shared/data (not shipped: research-use terms and size).
// The checks skip when that folder is absent.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>

#include "../support/scenario_run.hpp"

using namespace meridian;
using namespace meridian::testing;
namespace fs = std::filesystem;

TEST_CASE("the NASA iPSC/860 SWF trace replays whole on its 128-node machine", "[scenario][real-data]") {
  const fs::path trace = fs::path(MERIDIAN_SOURCE_DIR) / "../shared/data/traces/swf/NASA-iPSC-1993-3.1-cln.swf.gz";
  if (!fs::exists(trace)) {
    WARN("skipped: " << trace << " is not here");
    return;
  }
  TempDir dir;
  const std::string swf = dir.file("nasa.swf");
  REQUIRE(std::system(fmt::format("gzip -dc '{}' > '{}'", trace.string(), swf).c_str()) == 0);
  const Model model = model_from_yaml(fmt::format(R"(
meridian: 1
name: nasa-ipsc
horizon: 100d
regions:
  - {{id: ipsc, capacity: {{cpu: 128}}}}
workloads:
  - id: nasa
    class: job
    trace: {{file: {}, format: swf, map: {{processors: cpu}}}}
policies: {{scheduler: origin, queue: backfill}}
)",
                                                  swf));
  REQUIRE(model.workloads[0].trace.size() > 10000);
  const RunResult run = run_model(model);
  const auto& tasks = run.summary["global"]["tasks"];
  CHECK(tasks["completed"].get<std::size_t>() == model.workloads[0].trace.size());
  CHECK(tasks["failed"] == 0);
  const double utilization = run.summary["regions"]["ipsc"]["utilization"]["cpu"].get<double>();
  CHECK(utilization > 0.2);  // the archive reports about 47 % for this machine
  CHECK(utilization < 0.8);
}
