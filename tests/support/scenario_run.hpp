#pragma once
// Running scenarios from tests: inline YAML in, summary (and optionally files) out.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run/simulation.hpp"
#include "scenario/loader.hpp"

namespace meridian::testing {

/// Loads inline YAML (relative files resolve against the repository root) and builds it;
/// fails the test with the diagnostics if it does not load.
Model model_from_yaml(const std::string& yaml, const std::vector<scenario::Override>& overrides = {});

/// Loads a scenario file (path relative to the repository root) with `--set`-style overrides
/// and builds it; fails the test with the diagnostics if it does not load.
Model model_from_file(const std::string& path, const std::vector<scenario::Override>& overrides = {});

/// Runs a model with invariant checks on; writes outputs only when `output_dir` is given.
RunResult run_model(const Model& model, std::uint64_t replication = 0, const std::string& output_dir = "");

/// A fresh empty temporary folder, removed with this object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

/// Reads a CSV file with a header into rows of named fields.
std::vector<std::map<std::string, std::string>> read_csv(const std::string& path);

/// Whole-file contents.
std::string read_file(const std::string& path);

/// Mean and standard error over independent replications (Student t is applied by the caller).
struct Estimate {
  double mean = 0.0;
  double standard_error = 0.0;
  std::size_t n = 0;
};
Estimate estimate(const std::vector<double>& samples);

/// Two-sided 99.9 % Student t quantile for n - 1 degrees of freedom (n = 5..30).
double t_999(std::size_t n);

}  // namespace meridian::testing
