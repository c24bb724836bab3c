#pragma once
// One simulation run from a built model to its output files: engine, recorders, writers.

#include <string>

#include <nlohmann/json.hpp>

#include "engine/engine.hpp"
#include "world/model.hpp"

namespace meridian {

struct RunRequest {
  std::string output_dir;     ///< empty: write nothing (the summary is still returned)
  RunOptions engine;
};

struct RunResult {
  RunStats stats;
  nlohmann::ordered_json summary;  ///< the summary.json document
  std::vector<std::string> files;  ///< outputs written, in order
};

/// Runs the model and writes its outputs (each atomically). Throws std::runtime_error for
/// output problems and std::logic_error for internal ones.
RunResult run_simulation(const Model& model, const RunRequest& request);

/// The policies section of summary.json.
nlohmann::ordered_json describe_policies(const Model& model);

}  // namespace meridian
