// Golden runs: small shipped scenarios whose summaries are checked in (tests/golden/). A change
// in any metric shows up here; regenerate with tools/update_golden.sh and review the diff.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../support/cli_run.hpp"
#include "../support/scenario_run.hpp"

using namespace meridian::testing;

TEST_CASE("golden summaries match the checked-in files", "[golden]") {
  std::ifstream cases(MERIDIAN_SOURCE_DIR "/tests/golden/cases.txt");
  REQUIRE(cases.good());
  std::string line;
  int checked = 0;
  while (std::getline(cases, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name, scenario, rest;
    fields >> name >> scenario;
    std::getline(fields, rest);
    TempDir out;
    const CommandResult r = run_meridian("run " + scenario + " " + rest + " --quiet --set 'outputs=[summary]' -o " + out.path());
    INFO(name << "\n" << r.output);
    REQUIRE(r.exit_code == 0);
    auto actual = nlohmann::json::parse(read_file(out.file("summary.json")));
    actual["run"].erase("wall_s");
    actual["run"].erase("events_per_s");
    const auto expected = nlohmann::json::parse(read_file(MERIDIAN_SOURCE_DIR "/tests/golden/" + name + ".json"));
    if (actual != expected) FAIL_CHECK(name << " differs from its golden file:\n" << nlohmann::json::diff(expected, actual).dump(1));
    ++checked;
  }
  CHECK(checked >= 5);
}
