// Whole-engine throughput on the single-region M/M/c example: events per second of a real run
// (arrivals, dispatch, completions, recorders), without writing outputs.
#include <benchmark/benchmark.h>

#include "run/simulation.hpp"
#include "scenario/loader.hpp"

namespace {

void BM_EngineMMc(benchmark::State& state) {
  const auto loaded = meridian::scenario::load_scenario_file(
      MERIDIAN_SOURCE_DIR "/scenarios/examples/mmc-single-region.yaml", {{"horizon", "4h"}, {"warmup", "0s"}});
  meridian::Diagnostics diagnostics = loaded.diagnostics;
  const meridian::Model model = meridian::build_model(loaded.spec, diagnostics);
  if (!diagnostics.empty()) {
    state.SkipWithError(diagnostics.format().c_str());
    return;
  }
  std::uint64_t events = 0;
  for (auto _ : state) events += meridian::run_simulation(model, {}).stats.events;
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_EngineMMc)->Unit(benchmark::kMillisecond);
