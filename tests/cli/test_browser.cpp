// The HTML outputs as a person sees them: headless Chromium (Debian's) loads report.html and
// compare.html; no console message may appear (the pages have no scripts, so any message is a
// problem), every chart must have drawn elements, and a screenshot is kept under
// build/test-artifacts/ to look at. Skips when Chromium is not installed.
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>

#include "../support/cli_run.hpp"
#include "../support/scenario_run.hpp"

using namespace meridian::testing;
namespace fs = std::filesystem;

namespace {
constexpr const char* kChromium = "/usr/bin/chromium";

std::string chromium(const std::string& flags, const std::string& page, const std::string& log) {
  TempDir profile;
  return "'" + std::string(kChromium) +
         "' --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
         " --no-first-run --disable-sync --user-data-dir='" + profile.path() + "' --enable-logging=stderr --v=0 " +
         flags + " 'file://" + page + "' 2>'" + log + "'";
}

/// Loads the page, returns its DOM after rendering; fails on any console message.
std::string render(const std::string& page, const std::string& screenshot) {
  TempDir scratch;
  const std::string dom = scratch.file("dom.html"), log = scratch.file("chromium.log");
  REQUIRE(std::system((chromium("--dump-dom", page, log) + " >'" + dom + "'").c_str()) == 0);
  const std::string messages = read_file(log);
  std::smatch console;
  INFO(messages);
  CHECK_FALSE(std::regex_search(messages, console, std::regex(R"(CONSOLE[^\n]*)")));
  fs::create_directories(fs::path(screenshot).parent_path());
  REQUIRE(std::system(chromium("--window-size=1400,4000 --screenshot='" + screenshot + "'", page, log).c_str()) == 0);
  CHECK(fs::file_size(screenshot) > 20000);  // a blank page is a few KB
  return read_file(dom);
}

/// Number of <svg> elements, and how many of them have no drawn shape at all.
std::pair<int, int> charts(const std::string& dom) {
  const std::regex svg(R"(<svg[\s\S]*?</svg>)");
  const std::regex shape(R"(<(path|rect|circle|polyline|polygon|line|ellipse)\b)");
  int total = 0, empty = 0;
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), svg); it != std::sregex_iterator(); ++it) {
    ++total;
    const std::string block = it->str();
    if (!std::regex_search(block, shape)) ++empty;
  }
  return {total, empty};
}
}  // namespace

TEST_CASE("report.html and compare.html render in Chromium with every chart drawn", "[browser]") {
  if (!fs::exists(kChromium)) {
    WARN("skipped: " << kChromium << " is not installed (tools/setup.sh test installs it)");
    return;
  }
  TempDir run, comparison;
  REQUIRE(run_meridian("run scenarios/global-ai.yaml --set horizon=8h --set warmup=1h --quiet "
                       "--set 'outputs=[summary,timeseries,report]' -o " + run.path())
              .exit_code == 0);
  const auto [report_charts, report_empty] = charts(render(run.file("report.html"), MERIDIAN_ARTIFACT_DIR "/report.png"));
  CHECK(report_charts >= 6);  // map, utilization, queues, CDF, cost/energy/carbon, SLO, outages
  CHECK(report_empty == 0);

  const CommandResult compare = run_meridian(
      "compare scenarios/examples/mmc-single-region.yaml --set horizon=2h --set warmup=10m "
      "--vary policies.queue=fifo,priority --replications 2 --quiet -o " + comparison.path());
  INFO(compare.output);
  REQUIRE(compare.exit_code == 0);
  const auto [compare_charts, compare_empty] =
      charts(render(comparison.file("compare.html"), MERIDIAN_ARTIFACT_DIR "/compare.png"));
  CHECK(compare_charts >= 1);
  CHECK(compare_empty == 0);
}
