// The HTML outputs as a person sees them: headless Chromium (Debian's) loads report.html and
// compare.html; no console message may appear (the pages have no scripts, so any message is a
// problem), every chart must have drawn elements, and a screenshot is kept under
// build/test-artifacts/ to look at. Skips when Chromium is not installed.
#include <catch2/catch.hpp>
#include <cstdlib>
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

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

/// The rendered DOM of one report panel, from its id to the end of its <section>.
std::string section(const std::string& dom, const std::string& id) {
  const auto start = dom.find("id=\"" + id + "\"");
  if (start == std::string::npos) return {};
  return dom.substr(start, dom.find("</section>", start) - start);
}
}  // namespace

TEST_CASE("report.html and compare.html render in Chromium with every chart drawn", "[browser]") {
  if (!fs::exists(kChromium)) {
    // Under CI (tools/test.sh installs Chromium) a missing browser is a broken set-up, not a skip.
    if (std::getenv("CI")) FAIL(kChromium << " is missing although CI is set: tools/setup.sh --with-browser installs it");
    WARN("skipped: " << kChromium << " is not installed (tools/setup.sh --with-browser installs it)");
    return;
  }
  TempDir run, comparison;
  REQUIRE(run_meridian("run scenarios/global-ai.yaml --set horizon=8h --set warmup=1h --set faults.0.at=4h --quiet "
                       "--set 'outputs=[summary,timeseries,report]' -o " + run.path())
              .exit_code == 0);
  const std::string report = render(run.file("report.html"), MERIDIAN_ARTIFACT_DIR "/report.png");
  const auto [report_charts, report_empty] = charts(report);
  CHECK(report_charts >= 6);  // map, utilization, queues, CDF, cost/energy/carbon, SLO, outages
  CHECK(report_empty == 0);
  // Grids, axes and frames are drawn even without data: count the marks that carry it, per panel
  // (global-ai: 9 regions with GPUs and CPUs, 3 workloads, one outage).
  CHECK(count(section(report, "topology"), "<circle") >= 9);          // a dot per region
  CHECK(count(section(report, "utilization"), "<polyline") == 18);    // gpu and cpu per region
  CHECK(count(section(report, "queues"), "<polyline") == 9);          // one per region
  CHECK(count(section(report, "latency"), "<polyline") == 3);         // a CDF per workload
  CHECK(count(section(report, "cost"), "class=\"value\"") == 27);     // 3 charts x 9 bars
  CHECK(count(section(report, "slo"), "class=\"value\"") >= 1);
  CHECK(count(section(report, "outages"), "fill=\"#D55E00\"") == 1);  // us-east, moved to 4 h

  const CommandResult compare = run_meridian(
      "compare scenarios/examples/mmc-single-region.yaml --set horizon=2h --set warmup=10m "
      "--vary policies.queue=fifo,priority --replications 2 --quiet -o " + comparison.path());
  INFO(compare.output);
  REQUIRE(compare.exit_code == 0);
  const std::string compare_dom = render(comparison.file("compare.html"), MERIDIAN_ARTIFACT_DIR "/compare.png");
  const auto [compare_charts, compare_empty] = charts(compare_dom);
  CHECK(compare_charts >= 1);
  CHECK(compare_empty == 0);
  CHECK(count(compare_dom, "class=\"value\"") == 2 * static_cast<std::size_t>(compare_charts));  // a bar per variant
}
