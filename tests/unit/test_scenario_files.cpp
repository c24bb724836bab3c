// Phase one of loading, the parts that touch files: trace CSV and SWF, carbon CSV, the scenario
// file itself, and hostile input that must end quickly with a message.

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include "loader_test_support.hpp"
#include "scenario/loader.hpp"

using namespace meridian;
using namespace meridian::scenario;
using namespace meridian::loader_test;
using Catch::Matchers::Contains;

namespace {
const std::string kBase = R"(meridian: 1
name: t
regions:
  - id: us-east
    capacity: {gpu: 8, cpu: 64}
  - id: eu-west
    capacity: {gpu: 4}
)";
}  // namespace

TEST_CASE("trace CSV files", "[loader][trace]") {
  TempDir dir;
  const std::string yaml = R"(meridian: 1
name: t
start: 2026-01-01T00:00:00Z
regions:
  - {id: us-east, capacity: {gpu: 8, cpu: 64}}
  - {id: eu-west, capacity: {gpu: 8}}
workloads:
  - id: philly
    class: job
    demand: {gpu: 1}
    trace: {file: traces/philly.csv, format: csv}
)";
  SECTION("rows are converted and sorted by submit time") {
    dir.write("traces/philly.csv",
              "submit,duration,gpu,cpu,origin,workload,priority\n"
              "60,30,4,,us-east,philly,2\n"
              "2026-01-01T00:00:10Z,5.5,,8,,,\n"
              "\n"
              "# a comment\n"
              "0,1,1,1,eu-west,other,\n");
    const LoadResult r = load(yaml, {}, dir.str());
    INFO(r.diagnostics.format());
    REQUIRE(r.ok());
    const TraceSpec& t = *r.spec.workloads[0].trace;
    CHECK(r.spec.workloads[0].arrivals.process == ArrivalProcess::Trace);
    CHECK(t.format == TraceSpec::Format::Csv);
    REQUIRE(t.rows.size() == 2);  // the "other" workload's row is left out
    CHECK(t.rows[0].submit == std::chrono::seconds{10});
    CHECK(t.rows[0].duration == std::chrono::milliseconds{5500});
    CHECK(t.rows[0].demand == std::vector<std::pair<std::string, std::int64_t>>{{"cpu", 8}});
    CHECK(t.rows[0].line == 3);
    CHECK(t.rows[1].submit == std::chrono::seconds{60});
    CHECK(t.rows[1].origin == "us-east");
    CHECK(t.rows[1].priority == 2);
    CHECK(t.rows[1].demand == std::vector<std::pair<std::string, std::int64_t>>{{"gpu", 4}});
  }
  SECTION("bad rows point at file:line:column") {
    const std::string file = dir.write("traces/philly.csv", "submit,duration,gpu\n0,10,1\n5,ten,1\n7,1,1,9\n8,1,x\n");
    const LoadResult r = load(yaml, {}, dir.str());
    const Diagnostic d = find(r, "found 'ten'");
    CHECK(d.where.file == std::filesystem::path(file).lexically_normal().string());
    CHECK(d.where.line == 3);
    CHECK(d.where.column == 3);
    CHECK(d.where.path == "workloads.philly.trace.file");
    CHECK(d.where.source_line == "5,ten,1");
    CHECK(find(r, "expected 3 fields as in the header, found 4").where.line == 4);
    CHECK(find(r, "expected a whole number, found 'x'").where.column == 5);
  }
  SECTION("a file of many bad rows lists some, anchored at the scenario") {
    std::string rows = "submit,duration,gpu\n";
    for (int i = 0; i < 30; ++i) rows += "x,1,1\n";
    rows += "0," + std::string(2 << 20, '1') + ",1\n";
    dir.write("traces/philly.csv", rows);
    const LoadResult r = load(yaml, {}, dir.str());
    REQUIRE(r.diagnostics.size() == 21);
    const Diagnostic anchor = r.diagnostics.items().front();
    CHECK(anchor.where.file == "test.yaml");
    CHECK(anchor.where.line == 11);
    CHECK_THAT(anchor.message, Contains("has 31 problems (the first 20 are listed)"));
    CHECK(r.diagnostics.items()[1].where.line == 2);
  }
  SECTION("an overlong line is reported, not read") {
    dir.write("traces/philly.csv", "submit,duration,gpu\n0," + std::string(2 << 20, '1') + ",1\n1,1,1\n");
    const LoadResult r = load(yaml, {}, dir.str());
    CHECK(find(r, "line is longer than").where.line == 2);
    CHECK(r.diagnostics.size() == 2);
  }
  SECTION("header problems") {
    dir.write("traces/philly.csv", "submit,durtion,gpus\n0,10,1\n");
    const LoadResult r = load(yaml, {}, dir.str());
    CHECK(find(r, "unknown column 'durtion' (did you mean 'duration'?)").where.column == 8);
    CHECK(find(r, "unknown column 'gpus' (did you mean 'gpu'?)").where.line == 1);
    CHECK_THAT(r.diagnostics.format(), Contains("the header has no 'duration' column"));
  }
  SECTION("a missing trace file is reported at its name") {
    const LoadResult r = load(yaml, {}, dir.str());
    const Diagnostic d = find(r, "cannot open trace file");
    CHECK(d.where.file == "test.yaml");
    CHECK(d.where.line == 11);
    CHECK(d.where.path == "workloads.philly.trace.file");
  }
  SECTION("a trace workload takes no rate or duration") {
    dir.write("traces/philly.csv", "submit,duration\n0,10\n");
    const LoadResult r = load(yaml + "    arrivals: {process: poisson, rate: 1/s}\n    duration: 1s\n", {}, dir.str());
    CHECK(find(r, "takes its arrivals from the trace").where.line == 12);
    CHECK(find(r, "takes durations from the trace").where.line == 13);
  }
}

TEST_CASE("trace SWF files", "[loader][trace]") {
  TempDir dir;
  dir.write("log.swf",
            "; Version: 2.2\n"
            ";   UnixStartTime: 1\n"
            "1 100 5 3600 16 -1 -1 16 7200 -1 1 3 1 -1 1 -1 -1 -1\n"
            "2 0 5 60 -1 -1 -1 4 7200 -1 1 3 1 -1 1 -1 -1 -1\n"
            "3 50 5 -1 8 -1 -1 8 7200 -1 0 3 1 -1 1 -1 -1 -1\n"
            "4 70 5 10 -1 -1 -1 -1 7200 -1 0 3 1 -1 1 -1 -1 -1\n");
  const std::string yaml = R"(meridian: 1
name: t
regions:
  - {id: a, capacity: {gpu: 8, cpu: 64}}
workloads:
  - id: hpc
    class: job
    trace: {file: log.swf, map: {processors: cpu}}
)";
  SECTION("submit, run time and processors are used; unknowns skipped") {
    const LoadResult r = load(yaml, {}, dir.str());
    INFO(r.diagnostics.format());
    REQUIRE(r.ok());
    const TraceSpec& t = *r.spec.workloads[0].trace;
    CHECK(t.format == TraceSpec::Format::Swf);
    CHECK(t.processors_resource == "cpu");
    CHECK(t.skipped_rows == 2);
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].submit == SimDuration{0});
    CHECK(t.rows[0].duration == std::chrono::seconds{60});
    CHECK(t.rows[0].demand == std::vector<std::pair<std::string, std::int64_t>>{{"cpu", 4}});  // requested
    CHECK(t.rows[1].submit == std::chrono::seconds{100});
    CHECK(t.rows[1].demand == std::vector<std::pair<std::string, std::int64_t>>{{"cpu", 16}});
  }
  SECTION("a row that does not parse is an error") {
    dir.write(
        "log.swf",
        "1 100 5 3600 16 -1 -1 16 7200 -1 1 3 1 -1 1 -1 -1 -1\n2 0 5 x 4\n3 0 5 1h 4 -1 -1 4 1 1 1 1 1 1 1 1 1 1\n");
    const LoadResult r = load(yaml, {}, dir.str());
    CHECK(find(r, "expected the 18 fields").where.line == 2);
    const Diagnostic d = find(r, "found '1h'");
    CHECK(d.where.line == 3);
    CHECK(d.where.column == 7);
  }
}

TEST_CASE("carbon CSV files", "[loader][carbon]") {
  TempDir dir;
  const std::string yaml = "meridian: 1\nname: t\nregions:\n  - id: a\n    carbon: {file: carbon/a.csv}\n";
  SECTION("header, both time forms, sorted") {
    dir.write("carbon/a.csv", "time,g_per_kwh\n2022-01-01T05:00:00Z,380\n1640991600,410.5\n");
    const LoadResult r = load(yaml, {}, dir.str());
    INFO(r.diagnostics.format());
    REQUIRE(r.ok());
    const CarbonSpec& c = r.spec.regions[0].carbon;
    REQUIRE(c.hourly.size() == 2);
    CHECK(c.hourly[0].unix_seconds == 1640991600);
    CHECK(c.hourly[0].g_per_kwh == 410.5);
    CHECK(c.hourly[1].unix_seconds == 1641013200);
    CHECK(c.file == (std::filesystem::path(dir.str()) / "carbon/a.csv").lexically_normal().string());
  }
  SECTION("bad rows are located") {
    dir.write("carbon/a.csv", "2022-01-01T05:00:00Z,380\n2022-01-01T06:00:00Z,-3\n2022-01-01T07:00,1\n");
    const LoadResult r = load(yaml, {}, dir.str());
    CHECK(find(r, "'-3' is negative").where.line == 2);
    CHECK(find(r, "'-3' is negative").where.column == 22);
    CHECK(find(r, "or unix seconds, found '2022-01-01T07:00'").where.line == 3);
  }
  SECTION("missing file") {
    const Diagnostic d = find(load(yaml, {}, dir.str()), "cannot open carbon file");
    CHECK(d.where.line == 5);
    CHECK(d.where.path == "regions.a.carbon.file");
  }
}

TEST_CASE("hostile input ends quickly with a message", "[loader][limits]") {
  SECTION("a billion-laughs alias bomb") {
    std::string yaml = "meridian: 1\nname: t\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    std::string previous = "a";
    for (char c = 'b'; c <= 'j'; ++c) {
      const std::string name(1, c);
      yaml += name + ": &" + name + " [";
      for (int i = 0; i < 9; ++i) yaml += (i ? ", *" : "*") + previous;
      yaml += "]\n";
      previous = name;
    }
    yaml += "regions: *j\n";
    const auto begin = std::chrono::steady_clock::now();
    const LoadResult r = load(yaml);
    const auto elapsed = std::chrono::steady_clock::now() - begin;
    CHECK(elapsed < std::chrono::seconds{2});
    REQUIRE(r.diagnostics.size() == 1);
    CHECK_THAT(r.diagnostics.items()[0].message, Contains("alias bomb") && Contains("more than this machine can hold"));
    CHECK(r.diagnostics.items()[0].where.line > 0);
  }
  SECTION("nesting past our limit, and past yaml-cpp's") {
    const std::string deep =
        kBase + "policies: {scheduler: {name: x, p: " + std::string(100, '[') + std::string(100, ']') + "}}\n";
    const LoadResult r = load(deep);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK_THAT(r.diagnostics.items()[0].message, Contains("nesting is deeper than this machine can hold"));
    CHECK(r.diagnostics.items()[0].where.line == 8);
    const LoadResult deeper = load("a: " + std::string(5000, '[') + "\n");
    REQUIRE(deeper.diagnostics.size() == 1);
    CHECK_THAT(deeper.diagnostics.items()[0].message, Contains("nesting is deeper"));
  }
  SECTION("absurd capacity") {
    const std::string yaml = "meridian: 1\nname: t\nregions:\n  - {id: a, capacity: {gpu: 5000000000}}\n";
    const Diagnostic d = find(load(yaml), "more than this machine can hold");
    CHECK(d.where.path == "regions.a.capacity.gpu");
    CHECK_THAT(load("meridian: 1\nname: t\nregions:\n  - {id: a, capacity: {gpu: 99999999999999999999999}}\n")
                   .diagnostics.format(),
               Contains("more than this machine can hold"));
  }
  SECTION("too many regions") {
    std::string yaml = "meridian: 1\nname: t\nregions:\n";
    for (int i = 0; i <= 10000; ++i) yaml += "  - {id: r" + std::to_string(i) + "}\n";
    const Diagnostic d = find(load(yaml), "a list of 10001 items is more than this machine can hold");
    CHECK(d.where.path == "regions");
  }
  SECTION("files too large to read are refused before reading (sparse files, so this is quick)") {
    TempDir dir;
    const std::string trace = dir.write("big.csv", "");
    std::filesystem::resize_file(trace, (2ull << 30) + 1);
    const std::string yaml = kBase + "workloads:\n  - {id: w, class: job, trace: {file: big.csv}}\n";
    CHECK(find(load(yaml, {}, dir.str()), "more than this machine can hold").where.path == "workloads.w.trace.file");
    const std::string scenario = dir.write("big.yaml", "");
    std::filesystem::resize_file(scenario, (64ull << 20) + 1);
    const LoadResult r = load_scenario_file(scenario);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK_THAT(r.diagnostics.items()[0].message, Contains("more than this machine can hold"));
  }
  SECTION("a scenario file that is not there") {
    const LoadResult r = load_scenario_file("/nonexistent/scenario.yaml");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics.items()[0].where.file == "/nonexistent/scenario.yaml");
    CHECK_THAT(r.diagnostics.items()[0].message, Contains("no such file"));
  }
  SECTION("garbage never throws") {
    for (const std::string text :
         {"[]", "- a\n- b", ":", "? [a]\n: b", "\x01\x02\xff", "meridian: 1\nname: t\nregions: 3", "meridian: [1]\n",
          "meridian: 1\nname: {a: b}\nregions: [[1]]\n",
          "meridian: 1\nname: t\nregions: [{id: a, capacity: [1], price: x, power: 3}]\n",
          "meridian: 1\nname: t\nregions: [{id: a}]\nworkloads: [{id: w, class: job, trace: 3}]\n"}) {
      INFO(text);
      LoadResult r;
      CHECK_NOTHROW(r = load(text));
      CHECK_FALSE(r.ok());
    }
  }
}
