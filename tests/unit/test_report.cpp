// report.html: page assembly from a hand-written run folder, and the SVG helpers on hand-computed values.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "report/charts.hpp"
#include "report/display.hpp"
#include "report/report.hpp"
#include "report/run_data.hpp"
#include "report/svg.hpp"
#include "report/world_map.hpp"

namespace fs = std::filesystem;
using namespace meridian;
using namespace meridian::report;

namespace {

// A fresh, empty folder under the system temp directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / fmt::format("meridian_report_test_{:08x}{:08x}", rd(), rd());
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

// The HTML of one panel: from its id to the end of its <section>.
std::string panel(const std::string& html, const std::string& id) {
  const auto start = html.find("id=\"" + id + "\"");
  REQUIRE(start != std::string::npos);
  const auto end = html.find("</section>", start);
  REQUIRE(end != std::string::npos);
  return html.substr(start, end - start);
}

std::string metrics_json(int completed, double slo) {
  return fmt::format(R"("tasks": {{"arrived": {0}, "completed": {0}, "failed": 0, "restarted": 1}},
    "wait_s": {{"mean": 0.01, "p50": 0, "p95": 0.05, "p99": 0.2, "max": 1.5}},
    "response_s": {{"mean": 0.5, "p50": 0.4, "p95": 1.2, "p99": 2.5, "max": 9.0}},
    "slo_attainment": {1})",
                     completed, slo < 0 ? std::string("null") : fmt::format("{}", slo));
}

std::string region_json(const std::string& id, const std::string& location, int gpus, const std::string& outages) {
  return fmt::format(R"("{}": {{ {} "timezone": "UTC", "jurisdiction": "EU", "capacity": {{"gpu": {}, "cpu": 64}},
    {}, "utilization": {{"gpu": 0.42, "cpu": 0.1}}, "cost_usd": 1234.5, "compute_cost_usd": 1200,
    "energy_kwh": 845.2, "carbon_kg": 120.7, "egress_gb": 3.5, "residency_violations": 0, "outages": 1,
    "downtime_s": 3600, "outage_intervals_s": [{}], "work_lost_gpu_h": 2.5}})",
                     id, location, gpus, metrics_json(100, 0.9), outages);
}

std::string cdf_json() {
  std::string out;
  for (int i = 0; i <= 40; ++i) out += fmt::format("{}{}", i ? ", " : "", 0.05 * std::pow(1.15, i));
  return "[" + out + "]";
}

// A summary.json in the shape summary_recorder.cpp writes, with a region id that needs escaping
// and one region without a location.
std::string summary_fixture() {
  return fmt::format(R"({{"meridian": "0.1.0", "scenario": "fixture", "seed": 7,
  "policies": {{"scheduler": {{"name": "carbon-aware", "weight": "0.5"}}, "load_balancer": "latency",
                "queue": "fifo", "replication": "none", "residency": "enforce"}},
  "simulated": {{"start": "2026-01-05T00:00:00Z", "horizon_s": 7200, "warmup_s": 600, "end_s": 7500}},
  "global": {{ {}, "utilization": {{"gpu": 0.4, "cpu": 0.1}}, "imbalance": {{"cv": 0.1, "jain": 0.99}},
    "cost_usd": 3703.5, "compute_cost_usd": 3600, "energy_kwh": 2535.6, "carbon_kg": 362.1, "egress_gb": 10.5,
    "egress_cost_usd": 103.5, "residency_violations": 0, "outages": 1, "work_lost_gpu_h": 2.5}},
  "regions": {{ {}, {}, {} }},
  "workloads": {{
    "chat": {{ {}, "cost_usd": 10, "residency_violations": 0, "class": "request", "response_cdf_s": {} }},
    "batch": {{ {}, "cost_usd": 3000, "residency_violations": 0, "class": "job", "response_cdf_s": {} }} }},
  "datasets": {{"led&ger": {{"home": "us<east>", "size_gb": 1000, "copies": ["eu&north"], "primary_at_end": "eu&north",
    "outages": 1, "unavailable_s": 120, "unavailable_intervals_s": [[1800, 1920]], "rpo": {{"s": 900, "gb": 45}},
    "rto_s": {{"mean": 120, "max": 120}}, "failovers": 1, "data_lost": {{"s": 900, "gb": 45}}, "replication_gb": 81,
    "replication_cost_usd": 1.62, "shipments": 9}}}},
  "links": [{{"between": ["us<east>", "eu&north"], "directed": false, "latency_ms": 80, "bandwidth_gbps": 100, "bytes": 5e9}},
            {{"between": ["eu&north", "edge"], "directed": true, "latency_ms": 5, "bandwidth_gbps": 10, "bytes": 0}}],
  "run": {{"events": 123456, "fingerprint": "00ff00ff00ff00ff", "wall_s": 1.25, "events_per_s": 98764.8}} }})",
                     metrics_json(300, 0.9),
                     region_json("us<east>", R"("location": {"lat": 39.0, "lon": -77.5},)", 64, "[1800, 5400]"),
                     region_json("eu&north", R"("location": {"lat": 59.3, "lon": 18.1},)", 32, ""),
                     region_json("edge", "", 8, ""), metrics_json(250, 0.97), cdf_json(), metrics_json(50, -1),
                     cdf_json());
}

// `samples` rows per region, 30 s apart, in the column order timeseries_writer.cpp uses.
std::string timeseries_fixture(int samples) {
  std::string out = "t,time,region,up,util_gpu,util_cpu,queued,running,arrivals,power_kw,cost_per_h,carbon_g_per_h\n";
  for (int i = 0; i < samples; ++i)
    for (const char* region : {"us<east>", "eu&north", "edge"})
      out += fmt::format("{:.3f},2026-01-05T00:00:00Z,{},1,{:.4f},0.1000,{},3,2,10.000,5.00,100.0\n", i * 30.0, region,
                         (i % 17) / 17.0, i % 5);
  return out;
}

void write_fixture(const fs::path& dir, bool with_timeseries) {
  write(dir / "summary.json", summary_fixture());
  if (with_timeseries) write(dir / "timeseries.csv", timeseries_fixture(1000));
}

}  // namespace

TEST_CASE("report: every panel is drawn, self-contained and escaped", "[report]") {
  TempDir tmp;
  write_fixture(tmp.path, true);
  write_report(tmp.path.string());
  const fs::path page = tmp.path / "report.html";
  REQUIRE(fs::exists(page));
  const std::string html = read(page);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);

  SECTION("each panel has its chart with drawn elements") {
    const std::string map = panel(html, "topology");
    CHECK(count(map, "<svg") == 1);
    CHECK(count(map, "<path") > 10);    // continents
    CHECK(count(map, "<circle") == 2);  // the two regions with a location
    CHECK(count(map, "<line") >= 1);    // the link between them
    CHECK(map.find("Not on the map") != std::string::npos);
    CHECK(count(panel(html, "utilization"), "<polyline") == 6);  // 3 regions x (gpu, cpu)
    CHECK(count(panel(html, "queues"), "<polyline") == 3);
    CHECK(count(panel(html, "latency"), "<polyline") == 2);
    CHECK(count(panel(html, "cost"), "<svg") == 3);
    CHECK(count(panel(html, "cost"), "<rect") >= 9);
    CHECK(count(panel(html, "slo"), "<rect") >= 1);
    CHECK(panel(html, "slo").find("no SLO set") != std::string::npos);
    const std::string outages = panel(html, "outages");
    CHECK(count(outages, "<rect") >= 6);  // three regions, one dataset, the region's outage and the data's
    CHECK(count(outages, "fill=\"#D55E00\"") == 2);
    CHECK(outages.find("data led&amp;ger") != std::string::npos);
    const std::string recovery = panel(html, "recovery");
    CHECK(recovery.find("<td>led&amp;ger</td><td>us&lt;east&gt;</td><td>1,000.0 GB</td><td>eu&amp;north</td>") !=
          std::string::npos);
    CHECK(recovery.find("15 min, 45.0 GB") != std::string::npos);  // RPO
    CHECK(recovery.find("Replication policy: none") != std::string::npos);
    CHECK(panel(html, "key-numbers").find("15 min / 2 min") != std::string::npos);
    CHECK(panel(html, "key-numbers").find("3,703") == std::string::npos);  // money is shortened...
    CHECK(panel(html, "key-numbers").find("$3.7k") != std::string::npos);  // ...like this
  }
  SECTION("nothing is fetched from the network") {
    std::string rest = html;
    const std::string xmlns = "xmlns=\"http://www.w3.org/2000/svg\"";
    for (auto at = rest.find(xmlns); at != std::string::npos; at = rest.find(xmlns)) rest.erase(at, xmlns.size());
    CHECK(rest.find("http://") == std::string::npos);
    CHECK(rest.find("https://") == std::string::npos);
    CHECK(rest.find("<script") == std::string::npos);
    CHECK(rest.find("url(") == std::string::npos);
    CHECK(rest.find("@import") == std::string::npos);
  }
  SECTION("region ids are escaped everywhere") {
    CHECK(html.find("us<east>") == std::string::npos);
    CHECK(html.find("eu&north") == std::string::npos);
    CHECK(html.find("us&lt;east&gt;") != std::string::npos);
    CHECK(html.find("eu&amp;north") != std::string::npos);
  }
  SECTION("long time series are downsampled to at most 600 points per line") {
    for (auto at = html.find("<polyline points=\""); at != std::string::npos;
         at = html.find("<polyline points=\"", at + 1)) {
      const auto end = html.find('"', at + 18);
      CHECK(count(html.substr(at, end - at), ",") <= 600);
    }
  }
  SECTION("the same inputs give a byte-identical page, and no temporary file is left") {
    write_report(tmp.path.string());
    CHECK(read(page) == html);
    CHECK_FALSE(fs::exists(tmp.path / "report.html.tmp"));
  }
}

TEST_CASE("report: without timeseries.csv the time panels say so", "[report]") {
  TempDir tmp;
  write_fixture(tmp.path, false);
  write_report(tmp.path.string());
  const std::string html = read(tmp.path / "report.html");
  CHECK(panel(html, "utilization").find("did not write <code>timeseries.csv</code>") != std::string::npos);
  CHECK(count(panel(html, "utilization"), "<polyline") == 0);
  CHECK(count(panel(html, "latency"), "<polyline") == 2);  // everything else is still drawn
}

TEST_CASE("report: tasks.csv gives an exact CDF of the tasks counted after warm-up", "[report]") {
  TempDir tmp;
  write_fixture(tmp.path, false);
  write(tmp.path / "tasks.csv",
        "id,workload,origin,region,arrival,start,end,wait,response,transfer,restarts,cost,slo_met\n"
        "1,chat,edge,edge,100.0,100.0,101.0,0.0,99.0,0.0,0,0.1,1\n"  // before warm-up (600 s): not counted
        "2,chat,edge,edge,700.0,700.0,700.5,0.0,0.5,0.0,0,0.1,1\n"
        "3,chat,edge,,800.0,,,,,0.0,0,0.0,0\n"  // failed: no response
        "4,chat,edge,edge,900.0,900.0,901.5,0.0,1.5,0.0,0,0.1,1\n");
  const auto responses = read_task_responses((tmp.path / "tasks.csv").string(), 600.0);
  REQUIRE(responses.size() == 1);
  CHECK(responses[0].first == "chat");
  CHECK(responses[0].second == std::vector<double>{0.5, 1.5});
  write_report(tmp.path.string());
  CHECK(panel(read(tmp.path / "report.html"), "latency").find("Exact, from every completed task") != std::string::npos);
}

TEST_CASE("report: missing or malformed inputs fail with the file's name", "[report]") {
  TempDir tmp;
  const auto message = [&] {
    try {
      write_report(tmp.path.string());
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  SECTION("no summary.json") {
    const std::string m = message();
    CHECK(m.find("summary.json") != std::string::npos);
    CHECK(m.find("cannot open") != std::string::npos);
  }
  SECTION("summary.json is not JSON") {
    write(tmp.path / "summary.json", "{\"scenario\": \"x\",");
    const std::string m = message();
    CHECK(m.find("summary.json") != std::string::npos);
    CHECK(m.find("not valid JSON") != std::string::npos);
  }
  SECTION("summary.json is not an object") {
    write(tmp.path / "summary.json", "[1, 2]");
    CHECK(message().find("summary.json: (top level): expected a JSON object") != std::string::npos);
  }
  SECTION("a value of the wrong type names its key path") {
    write(tmp.path / "summary.json", R"({"regions": {"eu": {"cost_usd": "lots"}}})");
    CHECK(message().find("summary.json: regions.eu.cost_usd: expected a number") != std::string::npos);
  }
  SECTION("a timeseries row that does not parse names the file and line") {
    write_fixture(tmp.path, false);
    write(tmp.path / "timeseries.csv", timeseries_fixture(1) + "x,2026-01-05T00:00:00Z,edge,1,0.5,0.1,0,0,0,1,1,1\n");
    CHECK(message().find("timeseries.csv:5: column 't': 'x' is not a number") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(tmp.path / "report.html"));
}

TEST_CASE("report: svg helpers on hand-computed values", "[report]") {
  SECTION("escaping and number text") {
    CHECK(escape_xml("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
    CHECK(coord(2.0) == "2");
    CHECK(coord(3.14159) == "3.14");
    CHECK(coord(-0.001) == "0");
    CHECK(group_thousands(1234567.891, 1) == "1,234,567.9");
    CHECK(group_thousands(-999.4, 0) == "-999");
    CHECK(short_number(4321000) == "4.32M");
    CHECK(short_number(1406007) == "1.41M");
    CHECK(short_number(987) == "987");
    CHECK(short_number(999.7) == "1k");
    CHECK(short_number(0.0123) == "0.0123");
  }
  SECTION("nice numbers and ticks") {
    CHECK(nice_number(97, false) == 100);
    CHECK(nice_number(20, true) == 20);
    CHECK(nice_number(0.37, true) == Approx(0.5));
    const Ticks a = nice_ticks(0, 97, 5);  // range -> 100, step -> 20
    CHECK(a.step == 20);
    CHECK(a.values == std::vector<double>{0, 20, 40, 60, 80, 100});
    const Ticks b = nice_ticks(0, 1, 5);
    CHECK(b.values == std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1});
    CHECK(b.decimals == 1);
    const Ticks c = nice_ticks(-3.2, 7.9, 5);  // range 11.1 -> 20, step 4 -> 5
    CHECK(c.values == std::vector<double>{-5, 0, 5, 10});
    CHECK(nice_ticks(0, 0, 5).values.back() == 1);  // an empty range still gets an axis
    CHECK(hour_ticks(0, 48).values == std::vector<double>{0, 6, 12, 18, 24, 30, 36, 42, 48});
    CHECK(hour_ticks(0, 103).values == std::vector<double>{0, 24, 48, 72, 96});
    CHECK(log_ticks(0.02, 30) == std::vector<double>{0.01, 0.1, 1, 10, 100});
    CHECK(log_ticks(0.3, 7) == std::vector<double>{0.1, 0.2, 0.5, 1, 2, 5, 10});
    CHECK(log_duration_ticks(0.05, 200000) ==
          std::vector<double>{0.01, 0.1, 1, 10, 60, 600, 3600, 21600, 86400, 604800});
    CHECK(log_duration_ticks(0.2, 0.8) == std::vector<double>{0.1, 0.2, 0.5, 1});
    CHECK(duration_tick_label(0.1) == "100 ms");
    CHECK(duration_tick_label(60) == "1 min");
    CHECK(duration_tick_label(90) == "90 s");
    CHECK(duration_tick_label(21600) == "6 h");
    CHECK(duration_tick_label(604800) == "1 w");
  }
  SECTION("scales and projection") {
    CHECK(LinearScale{0, 10, 100, 200}(2.5) == Approx(125));
    CHECK(LinearScale{0, 1, 300, 100}(0.25) == Approx(250));  // y grows upwards
    CHECK(LogScale{0.01, 100, 0, 400}(1) == Approx(200));
    CHECK(LogScale{0.01, 100, 0, 400}(0) == 0);  // non-positive values sit on the axis
    CHECK(project(0, 0, 360) == std::make_pair(180.0, kMapLatTop));
    CHECK(project(kMapLatTop, -180, 360) == std::make_pair(0.0, 0.0));
  }
  SECTION("downsampling keeps spikes and the CDF is exact on small inputs") {
    std::vector<double> xs, ys;
    for (int i = 0; i < 1000; ++i) xs.push_back(i), ys.push_back(i == 500 ? 100.0 : 0.0);
    const Points d = downsample_min_max(xs, ys, 600);
    CHECK(d.size() <= 600);
    CHECK(std::find(d.begin(), d.end(), std::make_pair(500.0, 100.0)) != d.end());
    std::vector<double> values{3, 1, 2, 4};
    CHECK(empirical_cdf(values, 10) == Points{{1, 0.25}, {2, 0.5}, {3, 0.75}, {4, 1}});
  }
  SECTION("display formats") {
    CHECK(format_duration(0.000850) == "850 µs");
    CHECK(format_duration(0.0123) == "12.3 ms");
    CHECK(format_duration(1.24) == "1.24 s");
    CHECK(format_duration(270) == "4.5 min");
    CHECK(format_duration(std::nullopt) == kMissing);
    CHECK(format_percent(0.981) == "98.1%");
    CHECK(format_percent(1.0) == "100%");
    CHECK(format_energy(52300) == "52.3 MWh");
    CHECK(format_carbon(61816) == "61.8 t");
    CHECK(format_usd(0.42) == "$0.42");
  }
  SECTION("svg builder escapes attribute values and text") {
    Svg svg(100, 50, "a \"chart\"");
    svg.rect(0, 0, 10, 10, {{"fill", "#fff\"onload=\"x"}});
    svg.text(1, 2, "<b>");
    const std::string s = svg.str();
    CHECK(s.find("aria-label=\"a &quot;chart&quot;\"") != std::string::npos);
    CHECK(s.find("#fff&quot;onload=&quot;x") != std::string::npos);
    CHECK(s.find("&lt;b&gt;") != std::string::npos);
  }
}
