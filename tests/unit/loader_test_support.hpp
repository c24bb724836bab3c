#pragma once
// Helpers shared by the scenario-loading tests: a temporary folder, loading inline YAML, and
// finding a diagnostic by its message.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenario/loader.hpp"

namespace meridian::loader_test {

using scenario::LoadResult;
using scenario::Override;

/// A fresh folder under the system's temporary folder, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::random_device device;
    path_ = std::filesystem::temp_directory_path() / ("meridian-loader-" + std::to_string(device()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

inline LoadResult load(const std::string& yaml, const std::vector<Override>& overrides = {},
                       const std::string& dir = "") {
  return scenario::load_scenario_text(yaml, "test.yaml", dir, overrides);
}

/// 1-based line of the first line of `yaml` containing `needle`.
inline int line_of(const std::string& yaml, const std::string& needle) {
  const auto pos = yaml.find(needle);
  REQUIRE(pos != std::string::npos);
  return 1 + static_cast<int>(std::count(yaml.begin(), yaml.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

/// 1-based column of `needle` on its line.
inline int column_of(const std::string& yaml, const std::string& needle) {
  const auto pos = yaml.find(needle);
  REQUIRE(pos != std::string::npos);
  const auto line_start = yaml.rfind('\n', pos);
  return static_cast<int>(pos - (line_start == std::string::npos ? 0 : line_start + 1)) + 1;
}

/// The diagnostic whose message contains `text` (a copy: results are often temporaries); fails
/// the test when there is none.
inline Diagnostic find(const LoadResult& r, const std::string& text) {
  for (const auto& d : r.diagnostics.items())
    if (d.message.find(text) != std::string::npos) return d;
  FAIL("no diagnostic contains '" << text << "'; got:\n" << r.diagnostics.format());
  throw std::logic_error("unreachable");
}

}  // namespace meridian::loader_test
