#include "scenario_run.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace meridian::testing {

namespace {
Model built(const scenario::LoadResult& loaded) {
  Diagnostics diagnostics = loaded.diagnostics;
  Model model = build_model(loaded.spec, diagnostics);
  INFO(diagnostics.format());
  REQUIRE(diagnostics.empty());
  return model;
}
}  // namespace

Model model_from_yaml(const std::string& yaml, const std::vector<scenario::Override>& overrides) {
  return built(scenario::load_scenario_text(yaml, "inline.yaml", MERIDIAN_SOURCE_DIR, overrides));
}

Model model_from_file(const std::string& path, const std::vector<scenario::Override>& overrides) {
  return built(scenario::load_scenario_file(MERIDIAN_SOURCE_DIR "/" + path, overrides));
}

RunResult run_model(const Model& model, std::uint64_t replication, const std::string& output_dir) {
  RunRequest request;
  request.output_dir = output_dir;
  request.engine.replication = replication;
  request.engine.check_invariants = true;
  return run_simulation(model, request);
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "meridian-test-XXXXXX").string();
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::vector<std::map<std::string, std::string>> read_csv(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  for (std::stringstream ss(line); std::getline(ss, line, ',');) header.push_back(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    std::map<std::string, std::string> row;
    std::stringstream ss(line);
    std::string field;
    for (std::size_t i = 0; i < header.size(); ++i) {
      std::getline(ss, field, ',');
      row[header[i]] = field;
      field.clear();
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Estimate estimate(const std::vector<double>& samples) {
  Estimate e;
  e.n = samples.size();
  for (const double x : samples) e.mean += x;
  e.mean /= static_cast<double>(e.n);
  double ss = 0.0;
  for (const double x : samples) ss += (x - e.mean) * (x - e.mean);
  e.standard_error = std::sqrt(ss / static_cast<double>(e.n - 1) / static_cast<double>(e.n));
  return e;
}

double t_999(std::size_t n) {
  // Two-sided 99.9 % (0.9995 one-sided) quantiles of Student's t, by degrees of freedom.
  static const std::map<std::size_t, double> table = {{4, 8.610}, {5, 6.869}, {6, 5.959}, {7, 5.408}, {8, 5.041},
                                                      {9, 4.781}, {10, 4.587}, {11, 4.437}, {12, 4.318}, {15, 4.073},
                                                      {19, 3.883}, {20, 3.850}, {24, 3.745}, {29, 3.659}};
  // Use the largest tabulated degrees of freedom not above n - 1: never a smaller quantile.
  auto it = table.upper_bound(n - 1);
  return std::prev(it)->second;
}

}  // namespace meridian::testing
