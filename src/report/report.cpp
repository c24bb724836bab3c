// report.html: reads the run's files, assembles the panels into one page with inline CSS and SVG
// (no scripts, fonts or anything fetched from the network) and writes it atomically.
#include "report/report.hpp"
#include "report/page_style.hpp"

#include <filesystem>
#include <string>

#include "metrics/atomic_file.hpp"
#include "report/sections.hpp"
#include "report/svg.hpp"

namespace meridian {

namespace {

constexpr const char* kStyle = R"css(
.policy { display: inline-block; margin-right: 14px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .detail { color: var(--muted); font-size: 12px; }
svg.chart { display: block; width: 100%; height: auto; overflow: hidden; }
svg.chart .legend, svg.chart .category, svg.chart .value { font-size: 12px; }
svg.chart .band-label { font-size: 10px; }
svg.chart .missing { font-size: 12px; fill: var(--muted); font-style: italic; }
svg.chart .map-label { font-size: 12px; font-weight: 600; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
svg.chart .map-grid { font-size: 10px; fill: #9aa5b1; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 8px 14px; }
.trio { display: grid; grid-template-columns: repeat(auto-fit, minmax(330px, 1fr)); gap: 8px 14px; }
.map-row { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr); gap: 16px; align-items: start; }
@media (max-width: 900px) { .map-row { grid-template-columns: 1fr; } }
.keys { margin: 2px 0 8px; font-size: 13px; }
.key { display: inline-flex; align-items: center; margin-right: 16px; }
.swatch { width: 22px; height: 8px; margin-right: 5px; }
.box { display: inline-block; width: 14px; height: 10px; margin-right: 5px; border-radius: 2px; }
.box.warm { background: rgba(138, 147, 156, .3); }
.box.down { background: #D55E00; }
.box.up { background: #d9eef7; }
.dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 6px; }
table.data { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 8px; font-variant-numeric: tabular-nums; }
table.data th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--line); padding: 4px 8px 4px 0; }
table.data td { border-bottom: 1px solid #eef0f3; padding: 3px 8px 3px 0; }
)css";

}  // namespace

void write_report(const std::string& run_dir) {
  namespace fs = std::filesystem;
  using namespace report;
  const fs::path dir(run_dir);
  RunFiles run;
  run.summary = read_summary((dir / "summary.json").string());
  const fs::path timeseries = dir / "timeseries.csv", tasks = dir / "tasks.csv";
  if (fs::exists(timeseries)) {
    run.has_timeseries = true;
    run.timeseries = read_timeseries(timeseries.string());
  }
  if (fs::exists(tasks)) {
    run.has_tasks = true;
    run.task_responses = read_task_responses(tasks.string(), run.summary.warmup_s);
  }

  const Summary& s = run.summary;
  std::string page =
      report::page_start(escape_xml(s.scenario.empty() ? std::string("Meridian run") : s.scenario) + " · Meridian report",
                 kStyle);
  page += header_section(s);
  page += key_numbers_section(s);
  page += topology_section(s);
  page += timeseries_sections(run);
  page += latency_section(run);
  page += cost_sections(s);
  page += outage_section(s);
  std::string sources = "summary.json";
  if (run.has_timeseries) sources += ", timeseries.csv";
  if (run.has_tasks) sources += ", tasks.csv";
  page +=
      "<footer>Built by Meridian " + escape_xml(s.version) + " from " + sources +
      ". Self-contained: no scripts and nothing loaded from the network. Charts use the Okabe-Ito palette.</footer>\n";
  page += "</main>\n</body>\n</html>\n";
  write_file_atomically((dir / "report.html").string(), page);
}

}  // namespace meridian
