// The bad-input corpus: each tests/bad_inputs/NN-name.yaml holds one defect and says, in its
// leading comments, what the first diagnostic must contain (`# expect:`) and on which line it
// must be (`# line:`), in the scenario file itself (a bad row in a data file is also reported at
// the scenario value naming that file). `# phase: world` marks defects that only phase two (the
// policy table) can see, which this test skips.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "scenario/loader.hpp"

using namespace meridian::scenario;
using Catch::Matchers::Contains;

namespace {

struct Expectation {
  std::string expect;
  int line = -1;
  bool world_phase = false;
};

Expectation read_expectation(const std::filesystem::path& path) {
  Expectation e;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line) && line.rfind('#', 0) == 0) {
    const auto value = [&](const std::string& key) -> std::optional<std::string> {
      const std::string prefix = "# " + key + ": ";
      if (line.rfind(prefix, 0) != 0) return std::nullopt;
      return line.substr(prefix.size());
    };
    if (const auto v = value("expect")) e.expect = *v;
    if (const auto v = value("line")) e.line = std::stoi(*v);
    if (const auto v = value("phase")) e.world_phase = *v == "world";
  }
  return e;
}

std::vector<std::filesystem::path> corpus() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(MERIDIAN_SOURCE_DIR) / "tests/bad_inputs"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("the bad-input corpus is large and well formed", "[loader][corpus]") {
  const auto files = corpus();
  std::size_t checked_here = 0;
  for (const auto& path : files) {
    INFO(path.string());
    const Expectation e = read_expectation(path);
    CHECK_FALSE(e.expect.empty());
    CHECK(e.line > 0);
    if (!e.world_phase) ++checked_here;
  }
  CHECK(checked_here >= 30);
}

TEST_CASE("each corpus file gives a located diagnostic", "[loader][corpus]") {
  for (const auto& path : corpus()) {
    const Expectation e = read_expectation(path);
    if (e.world_phase) continue;
    const LoadResult r = load_scenario_file(path.string());
    const std::string text = r.diagnostics.format();
    INFO(path.filename().string() << ":\n" << text);
    REQUIRE_FALSE(r.diagnostics.empty());
    const auto& first = r.diagnostics.items().front();
    CHECK(first.where.file == path.string());
    CHECK(first.where.line == e.line);
    CHECK(first.where.column > 0);
    CHECK_THAT(text, Contains(e.expect));
  }
}
