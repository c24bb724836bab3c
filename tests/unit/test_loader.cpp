// Phase one of loading: YAML -> ScenarioSpec, with located diagnostics and overrides.
// Scenarios are inline strings. Data files and hostile input: test_scenario_files.cpp.

#include <catch2/catch.hpp>

#include <chrono>
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

const std::string kFull = R"(meridian: 1                      # format version
name: global-ai
seed: 42
start: 2026-01-05T00:00:00Z
horizon: 7d
warmup: 6h
sample_every: 5m

regions:
  - id: us-east
    location: {lat: 38.9, lon: -77.4}
    timezone: America/New_York
    jurisdiction: US
    capacity: {gpu: 512, cpu: 8192}
    price: {gpu: 3.90/h, cpu: 0.04/h}
    egress: 0.02/GB
    power: {gpu: 700W, cpu: 8W, idle: 0.3, pue: 1.2}
    carbon: 380
  - id: eu-west
    timezone: Europe/Dublin
    jurisdiction: EU
    capacity: {gpu: 256, cpu: 4096}
  - id: ap-tokyo
    timezone: Asia/Tokyo
    capacity: {gpu: 128}

links:
  - between: [us-east, eu-west]
    latency: 38ms
    bandwidth: 100Gbps
  - between: [eu-west, ap-tokyo]
    directed: true

datasets:
  - id: eu-customers
    home: eu-west
    size: 50TB
    write_rate: 200MB/s
    residency: [EU]

teams:
  - id: sre-tokyo
    region: ap-tokyo
    shift: "09:00-18:00"
    days: mon-fri
  - id: sre-us
    region: us-east
    shift: "22:00-06:00"
    days: [sat, sun]

workloads:
  - id: chat
    class: request
    origins: {us-east: 5, eu-west: 3, ap-tokyo: 2}
    arrivals:
      process: poisson
      rate: 800/s
      diurnal: {peak: "14:30", amplitude: 0.6}
    demand: {gpu: 1}
    duration: {dist: lognormal, mean: 300ms, cv: 1.5}
    input: 2MB
    output: 16KB
    slo: 2s
  - id: training
    class: job
    origins: {us-east: 1, eu-west: 1}
    arrivals: {process: poisson, rate: 12/h}
    demand: {gpu: {choice: [8, 16, 64], weights: [6, 3, 1]}, cpu: 32}
    duration: {dist: exponential, mean: 5h}
    dataset: eu-customers
    checkpoint_every: 30m
    deferrable: 12h
    priority: 5
  - id: batch
    class: job
    arrivals: {process: fixed, rate: 1/h}
    duration: 10m

policies:
  scheduler: least-loaded
  load_balancer: {name: latency-spill, threshold: 20, weights: [1, 2]}
  queue: priority
  replication: {name: async, every: 15m, copies: 1}
  failover: {mode: manual, detect: 5m}
  residency: audit

forecast: {method: holt-winters, season: 1d}

faults:
  - {region: us-east, at: 2d, for: 4h}
  - {link: [us-east, eu-west], at: 3d, for: 1h, bandwidth: 1Gbps}
  - {region: "*", mtbf: 90d, mttr: 2h}

outputs: [summary, tasks, trace]
)";

}  // namespace

TEST_CASE("a full scenario loads to the expected values", "[loader]") {
  const LoadResult r = load(kFull);
  INFO(r.diagnostics.format());
  REQUIRE(r.ok());
  const ScenarioSpec& s = r.spec;
  CHECK(s.format_version == 1);
  CHECK(s.name == "global-ai");
  CHECK(s.seed == 42);
  CHECK(s.start_unix_seconds == 1767571200);  // 2026-01-05T00:00:00Z
  CHECK(s.horizon == std::chrono::hours{168});
  CHECK(s.warmup == std::chrono::hours{6});
  CHECK(s.sample_every == std::chrono::minutes{5});

  REQUIRE(s.regions.size() == 3);
  const RegionSpec& us = s.regions[0];
  CHECK(us.id == "us-east");
  REQUIRE(us.location);
  CHECK(us.location->lat == Approx(38.9));
  CHECK(us.location->lon == Approx(-77.4));
  CHECK(us.timezone == "America/New_York");
  CHECK(us.jurisdiction == "US");
  REQUIRE(us.capacity.size() == 2);
  CHECK(us.capacity[0].resource == "gpu");
  CHECK(us.capacity[0].amount == 512);
  CHECK(us.capacity[1].amount == 8192);
  REQUIRE(us.price.size() == 2);
  CHECK(us.price[0].dollars_per_hour == Approx(3.90));
  CHECK(us.price[1].dollars_per_hour == Approx(0.04));
  CHECK(us.egress_dollars_per_byte == Approx(0.02e-9));
  REQUIRE(us.power.per_unit.size() == 2);
  CHECK(us.power.per_unit[0].watts == 700);
  CHECK(us.power.idle_fraction == Approx(0.3));
  CHECK(us.power.pue == Approx(1.2));
  CHECK(us.carbon.constant_g_per_kwh == 380);
  CHECK(us.where.line == 10);
  CHECK(us.where.path == "regions.us-east");
  CHECK(s.regions[2].timezone == "Asia/Tokyo");
  CHECK_FALSE(s.regions[2].location);

  REQUIRE(s.links.size() == 2);
  CHECK(s.links[0].a == "us-east");
  CHECK(s.links[0].b == "eu-west");
  CHECK(s.links[0].latency == std::chrono::milliseconds{38});
  CHECK(s.links[0].bandwidth_bps == 100e9);
  CHECK_FALSE(s.links[0].directed);
  CHECK(s.links[1].directed);
  CHECK_FALSE(s.links[1].latency);
  CHECK(s.links[1].where.path == "links[1]");

  REQUIRE(s.datasets.size() == 1);
  CHECK(s.datasets[0].home == "eu-west");
  CHECK(s.datasets[0].size_bytes == 50e12);
  CHECK(s.datasets[0].write_rate_bytes_per_s == 200e6);
  CHECK(s.datasets[0].residency == std::vector<std::string>{"EU"});

  REQUIRE(s.teams.size() == 2);
  CHECK(s.teams[0].shift_start_minute == 9 * 60);
  CHECK(s.teams[0].shift_end_minute == 18 * 60);
  CHECK(s.teams[0].days == std::vector<Weekday>{Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri});
  CHECK(s.teams[1].shift_start_minute == 22 * 60);
  CHECK(s.teams[1].shift_end_minute == 6 * 60);
  CHECK(s.teams[1].days == std::vector<Weekday>{Weekday::Sat, Weekday::Sun});

  REQUIRE(s.workloads.size() == 3);
  const WorkloadSpec& chat = s.workloads[0];
  CHECK(chat.task_class == TaskClass::Request);
  REQUIRE(chat.origins.size() == 3);
  CHECK(chat.origins[1].region == "eu-west");
  CHECK(chat.origins[1].weight == 3);
  CHECK(chat.arrivals.process == ArrivalProcess::Poisson);
  CHECK(chat.arrivals.rate_per_s == 800);
  REQUIRE(chat.arrivals.diurnal);
  CHECK(chat.arrivals.diurnal->peak_hour == Approx(14.5));
  CHECK(chat.arrivals.diurnal->amplitude == Approx(0.6));
  REQUIRE(chat.demand.size() == 1);
  CHECK(chat.demand[0].choices == std::vector<std::int64_t>{1});
  CHECK(chat.duration.kind == DistKind::Lognormal);
  CHECK(chat.duration.mean == std::chrono::milliseconds{300});
  CHECK(chat.duration.cv == Approx(1.5));
  CHECK(chat.input_bytes == 2e6);
  CHECK(chat.output_bytes == 16e3);
  CHECK(chat.slo == std::chrono::seconds{2});

  const WorkloadSpec& training = s.workloads[1];
  CHECK(training.task_class == TaskClass::Job);
  CHECK(training.arrivals.rate_per_s == Approx(12.0 / 3600));
  REQUIRE(training.demand.size() == 2);
  CHECK(training.demand[0].choices == std::vector<std::int64_t>{8, 16, 64});
  CHECK(training.demand[0].weights == std::vector<double>{6, 3, 1});
  CHECK(training.demand[1].choices == std::vector<std::int64_t>{32});
  CHECK(training.duration.kind == DistKind::Exponential);
  CHECK(training.duration.mean == std::chrono::hours{5});
  CHECK(training.dataset == "eu-customers");
  CHECK(training.checkpoint_every == std::chrono::minutes{30});
  CHECK(training.deferrable == std::chrono::hours{12});
  CHECK(training.priority == 5);
  CHECK(s.workloads[2].arrivals.process == ArrivalProcess::Fixed);
  CHECK(s.workloads[2].duration.kind == DistKind::Fixed);
  CHECK(s.workloads[2].duration.mean == std::chrono::minutes{10});
  CHECK(s.workloads[2].origins.empty());

  CHECK(s.policies.scheduler.name == "least-loaded");
  CHECK(s.policies.load_balancer.name == "latency-spill");
  REQUIRE(s.policies.load_balancer.params.size() == 2);
  CHECK(s.policies.load_balancer.params[0].key == "threshold");
  CHECK(s.policies.load_balancer.params[0].value == "20");
  CHECK(s.policies.load_balancer.params[1].value == "[1, 2]");
  CHECK(s.policies.load_balancer.params[0].where.path == "policies.load_balancer.threshold");
  CHECK(s.policies.queue.name == "priority");
  CHECK(s.policies.replication.name == "async");
  CHECK(s.policies.replication.params.size() == 2);
  CHECK(s.policies.failover.mode == FailoverSpec::Mode::Manual);
  CHECK(s.policies.failover.detect == std::chrono::minutes{5});
  CHECK(s.policies.residency == PoliciesSpec::Residency::Audit);

  REQUIRE(s.forecast);
  CHECK(s.forecast->method == ForecastSpec::Method::HoltWinters);
  CHECK(s.forecast->season == std::chrono::hours{24});

  REQUIRE(s.faults.size() == 3);
  CHECK(s.faults[0].kind == FaultSpec::Kind::RegionOutage);
  CHECK(s.faults[0].region == "us-east");
  CHECK(s.faults[0].at == std::chrono::hours{48});
  CHECK(s.faults[0].duration == std::chrono::hours{4});
  CHECK(s.faults[1].kind == FaultSpec::Kind::LinkFault);
  CHECK(s.faults[1].link_a == "us-east");
  CHECK(s.faults[1].bandwidth_bps == 1e9);
  CHECK(s.faults[2].kind == FaultSpec::Kind::RandomOutage);
  CHECK(s.faults[2].region == "*");
  CHECK(s.faults[2].mtbf == std::chrono::hours{90 * 24});
  CHECK(s.faults[2].mttr == std::chrono::hours{2});

  CHECK(s.outputs == std::vector<OutputKind>{OutputKind::Summary, OutputKind::Tasks, OutputKind::Trace});
}

TEST_CASE("defaults apply when optional keys are absent", "[loader]") {
  const LoadResult r = load(kBase);
  INFO(r.diagnostics.format());
  REQUIRE(r.ok());
  CHECK(r.spec.seed == 1);
  CHECK(r.spec.horizon == std::chrono::hours{24});
  CHECK(r.spec.regions[0].timezone == "UTC");
  CHECK(r.spec.policies.scheduler.name == "least-loaded");
  CHECK(r.spec.outputs.size() == 3);
  CHECK_FALSE(r.spec.forecast);
}

TEST_CASE("malformed YAML gives one located diagnostic", "[loader][errors]") {
  SECTION("unclosed bracket") {
    const LoadResult r = load("meridian: 1\nname: t\nregions: [\n  {id: a}\n");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK_THAT(r.diagnostics.items()[0].message, Contains("malformed YAML"));
    CHECK(r.diagnostics.items()[0].where.line > 0);
  }
  SECTION("tab indentation") {
    const LoadResult r = load("meridian: 1\nname: t\nregions:\n  - id: a\n\t  capacity: {gpu: 1}\n");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics.items()[0].where.line == 5);
    CHECK_THAT(r.diagnostics.items()[0].message, Contains("tab"));
  }
  SECTION("empty file") { CHECK_THAT(load("").diagnostics.format(), Contains("empty")); }
  SECTION("two documents") {
    CHECK_THAT(load(kBase + "---\nname: x\n").diagnostics.format(), Contains("one YAML document"));
  }
}

TEST_CASE("each problem is located by line, column and key path", "[loader][errors]") {
  SECTION("unknown key with a suggestion") {
    const std::string yaml = kBase + "horizn: 7d\n";
    const Diagnostic d = find(load(yaml), "unknown key 'horizn' (did you mean 'horizon'?)");
    CHECK(d.where.file == "test.yaml");
    CHECK(d.where.line == line_of(yaml, "horizn"));
    CHECK(d.where.column == 1);
    CHECK(d.where.path == "horizn");
    CHECK(d.where.source_line == "horizn: 7d");
  }
  SECTION("unknown key deep inside, path by id") {
    const std::string yaml =
        kBase +
        "workloads:\n  - id: chat\n    class: request\n    arrivals: {rate: 5/s, procss: poisson}\n    duration: 1s\n";
    const Diagnostic d = find(load(yaml), "did you mean 'process'?");
    CHECK(d.where.path == "workloads.chat.arrivals.procss");
    CHECK(d.where.line == line_of(yaml, "procss"));
    CHECK(d.where.column == column_of(yaml, "procss"));
  }
  SECTION("wrong type") {
    const std::string yaml = kBase + "horizon: [1, 2]\n";
    const Diagnostic d = find(load(yaml), "expected a duration such as 30s, found a list");
    CHECK(d.where.path == "horizon");
    CHECK(d.where.column == column_of(yaml, "[1, 2]"));
  }
  SECTION("bare number where a unit is required") {
    const std::string yaml = kBase + "horizon: 7\n";
    const Diagnostic d = find(load(yaml), "has no unit");
    CHECK_THAT(d.message, Contains("(units: ns us ms s m h d w)"));
    CHECK(d.where.line == line_of(yaml, "horizon"));
    CHECK(d.where.column == column_of(yaml, "7\n"));
  }
  SECTION("missing required keys") {
    const LoadResult r = load("meridian: 1\nregions:\n  - capacity: {gpu: 1}\n");
    CHECK(find(r, "missing required key 'name'").where.line == 1);
    const Diagnostic d = find(r, "missing required key 'id'");
    CHECK(d.where.line == 3);
    CHECK(d.where.path == "regions[0]");
    CHECK_THAT(load("name: t\nregions: []\n").diagnostics.format(), Contains("missing required key 'meridian'"));
  }
  SECTION("empty value points at its key") {
    const std::string yaml = kBase + "horizon:\nseed: 3\n";
    const Diagnostic d = find(load(yaml), "found nothing");
    CHECK(d.where.line == line_of(yaml, "horizon:"));
  }
  SECTION("negative and non-finite numbers") {
    const std::string yaml = kBase + "seed: -1\n";
    CHECK(find(load(yaml), "negative").where.path == "seed");
    const std::string carbon = R"(meridian: 1
name: t
regions:
  - id: a
    carbon: .nan
    power: {pue: .inf}
)";
    const LoadResult r = load(carbon);
    CHECK(find(r, "'.nan' is not a finite number").where.path == "regions.a.carbon");
    CHECK(find(r, "'.inf' is not a finite number").where.path == "regions.a.power.pue");
  }
  SECTION("unknown region, with a suggestion") {
    const std::string yaml = kBase +
                             "workloads:\n  - id: chat\n    class: request\n    origins: {us-est: 1}\n    arrivals: "
                             "{rate: 1/s}\n    duration: 1s\n";
    const Diagnostic d = find(load(yaml), "unknown region 'us-est' (did you mean 'us-east'?)");
    CHECK(d.where.path == "workloads.chat.origins.us-est");
    CHECK(d.where.column == column_of(yaml, "us-est"));
  }
  SECTION("unknown region in a link, unknown dataset") {
    const std::string yaml = kBase +
                             "links:\n  - between: [us-east, eu-wst]\nworkloads:\n  - {id: w, class: job, arrivals: "
                             "{rate: 1/s}, duration: 1s, dataset: logs}\n";
    const LoadResult r = load(yaml);
    CHECK(find(r, "unknown region 'eu-wst'").where.path == "links[0].between[1]");
    CHECK(find(r, "unknown dataset 'logs' (none is defined)").where.path == "workloads.w.dataset");
  }
  SECTION("duplicate ids and bad id characters") {
    const std::string yaml = kBase + "  - id: us-east\n  - id: US_West\n";
    const LoadResult r = load(yaml);
    CHECK(find(r, "duplicate region id 'us-east' (first defined at line 4)").where.line == 8);
    CHECK(find(r, "region id 'US_West' may use only a-z, 0-9 and '-'").where.line == 9);
  }
  SECTION("enumerations") {
    const std::string yaml = kBase + "outputs: [summary, tasks, timeserie]\npolicies: {residency: strict}\n";
    const LoadResult r = load(yaml);
    CHECK(find(r, "unknown output 'timeserie' (did you mean 'timeseries'?)").where.path == "outputs[2]");
    CHECK(find(r, "unknown residency mode 'strict' (expected one of: enforce, audit)").where.path ==
          "policies.residency");
  }
  SECTION("timezone and start") {
    const std::string yaml = R"(meridian: 1
name: t
start: 2026-13-05T00:00:00Z
regions:
  - id: a
    timezone: America/New_Yrok
)";
    const LoadResult r = load(yaml);
    CHECK(find(r, "unknown time zone 'America/New_Yrok' (did you mean 'America/New_York'?)").where.line == 6);
    CHECK(find(r, "expected a UTC instant such as 2026-01-05T00:00:00Z").where.line == 3);
  }
  SECTION("distributions, demand and diurnal") {
    const std::string yaml = kBase + R"(workloads:
  - id: a
    class: job
    arrivals: {process: bursty, rate: 1/s, diurnal: {peak: "25:00", amplitude: 1.5}}
    demand: {gpu: {choice: [1, 2], weights: [1, 2, 3]}, tpu: 1}
    duration: {dist: uniform, min: 5s, max: 1s}
  - id: b
    class: jobs
    arrivals: {rate: 1/s}
    duration: {dist: weibull, mean: 1s}
  - id: c
    class: job
    arrivals: {rate: 1/s}
    duration: {dist: exponential, mean: 1s, cv: 2}
)";
    const LoadResult r = load(yaml);
    CHECK(find(r, "unknown arrival process 'bursty'").where.path == "workloads.a.arrivals.process");
    CHECK(find(r, "expected a local time such as \"14:00\"").where.path == "workloads.a.arrivals.diurnal.peak");
    CHECK(find(r, "'1.5' is out of range; expected a number from 0 to 1").where.path ==
          "workloads.a.arrivals.diurnal.amplitude");
    CHECK(find(r, "3 weights for 2 choices").where.path == "workloads.a.demand.gpu.weights");
    CHECK(find(r, "unknown resource 'tpu'").where.path == "workloads.a.demand.tpu");
    CHECK(find(r, "uniform max (1s) is below min (5s)").where.path == "workloads.a.duration.max");
    CHECK(find(r, "unknown class 'jobs' (did you mean 'job'?)").where.path == "workloads.b.class");
    CHECK(find(r, "unknown distribution 'weibull'").where.path == "workloads.b.duration.dist");
    CHECK(find(r, "'cv' does not apply to a exponential distribution").where.path == "workloads.c.duration.cv");
  }
  SECTION("teams") {
    const std::string yaml = kBase +
                             "teams:\n  - {id: a, region: us-east, shift: 9-17, days: mon-fry}\n  - {id: b, region: "
                             "us-east, days: [monday, sundy]}\n";
    const LoadResult r = load(yaml);
    CHECK(find(r, "expected a shift such as \"09:00-18:00\"").where.path == "teams.a.shift");
    CHECK(find(r, "unknown day 'fry' (did you mean 'fri'?)").where.path == "teams.a.days");
    CHECK(find(r, "unknown day 'sundy' (did you mean 'sun'?)").where.path == "teams.b.days[1]");
  }
  SECTION("faults are addressed by index") {
    const std::string yaml = kBase +
                             "faults:\n  - {region: us-east, at: 1d, for: 1h}\n  - {region: us-east, at: soon, for: "
                             "1h}\n  - {link: [us-east, eu-west], at: 1d, for: 1h}\n";
    const LoadResult r = load(yaml);
    CHECK(find(r, "'soon' does not start with a number").where.path == "faults[1].at");
    CHECK(find(r, "no link from 'us-east' to 'eu-west'").where.path == "faults[2].link");
  }
  SECTION("format version 2 is the only message") {
    const LoadResult r = load("meridian: 2\nname: t\nregions: {oops: 1}\nfoo: bar\n");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK_THAT(r.diagnostics.items()[0].message, Contains("format version 2 is not supported"));
    CHECK(r.diagnostics.items()[0].where.line == 1);
  }
  SECTION("a key given twice") {
    const std::string yaml = kBase + "seed: 1\nseed: 2\n";
    CHECK(find(load(yaml), "key 'seed' is given twice (first at line 8)").where.line == 9);
  }
  SECTION("formatted like ninja, with a caret") {
    const std::string text = load(kBase + "horizon: 7\n").diagnostics.format();
    CHECK_THAT(text, Contains("test.yaml:8:10: horizon: '7' has no unit") && Contains("    horizon: 7\n") &&
                         Contains("\n             ^\n"));
  }
}

TEST_CASE("every problem is reported together, in file order", "[loader][errors]") {
  const std::string yaml = R"(meridian: 1
name: t
horizon: 7
regions:
  - id: a
    capacity: {gpu: -1}
    price: {gpu: 3.90}
workloads:
  - id: w
    class: batch
    arrivals: {rate: 5}
    duration: {dist: exponential}
sampel_every: 5m
)";
  const LoadResult r = load(yaml);
  INFO(r.diagnostics.format());
  REQUIRE(r.diagnostics.size() == 7);
  std::vector<int> lines;
  for (const auto& d : r.diagnostics.items()) lines.push_back(d.where.line);
  CHECK(lines == std::vector<int>{3, 6, 7, 10, 11, 12, 13});
  CHECK_THAT(r.diagnostics.items()[2].message, Contains("expected a price such as 3.90/h"));
  CHECK_THAT(r.diagnostics.items()[5].message, Contains("missing required key 'mean'"));
  CHECK_THAT(r.diagnostics.items()[6].message, Contains("did you mean 'sample_every'?"));
}

TEST_CASE("overrides change values before they are checked", "[loader][overrides]") {
  const std::string yaml = kBase + R"(workloads:
  - id: chat
    class: request
    arrivals: {rate: 800/s}
    duration: 1s
faults:
  - {region: us-east, at: 1d, for: 1h}
)";
  SECTION("by id, by index, new keys and YAML values") {
    const LoadResult r = load(yaml, {{"workloads.chat.arrivals.rate", "900/s"},
                                     {"faults[0].for", "2h"},
                                     {"faults.0.at", "2d"},
                                     {"seed", "7"},
                                     {"policies", "{scheduler: {name: random, bias: 0.5}}"},
                                     {"policies.queue", "backfill"},
                                     {"links", "[{between: [us-east, eu-west]}]"},
                                     {"regions.eu-west.capacity.cpu", "16"},
                                     {"workloads.0.slo", "3s"}});
    INFO(r.diagnostics.format());
    REQUIRE(r.ok());
    CHECK(r.spec.workloads[0].arrivals.rate_per_s == 900);
    CHECK(r.spec.faults[0].duration == std::chrono::hours{2});
    CHECK(r.spec.faults[0].at == std::chrono::hours{48});
    CHECK(r.spec.seed == 7);
    CHECK(r.spec.policies.scheduler.name == "random");
    CHECK(r.spec.policies.scheduler.params[0].value == "0.5");
    CHECK(r.spec.policies.queue.name == "backfill");
    CHECK(r.spec.links.size() == 1);
    CHECK(r.spec.regions[1].capacity.size() == 2);
    CHECK(r.spec.workloads[0].slo == std::chrono::seconds{3});
  }
  SECTION("a bad overridden value says it came from --set") {
    const LoadResult r = load(yaml, {{"workloads.chat.arrivals.rate", "900"}});
    const Diagnostic d = find(r, "has no unit");
    CHECK_THAT(d.message, Contains("(from --set workloads.chat.arrivals.rate=900)"));
    CHECK(d.where.path == "workloads.chat.arrivals.rate");
    CHECK(d.where.line == 0);
  }
  SECTION("an unknown key set by --set gets a suggestion") {
    const LoadResult r = load(yaml, {{"workloads.chat.arrivals.rat", "900/s"}});
    CHECK_THAT(find(r, "unknown key 'rat' (did you mean 'rate'?)").message, Contains("from --set"));
  }
  SECTION("unknown item, missing parent, malformed path or value") {
    const LoadResult r = load(yaml, {{"workloads.chta.arrivals.rate", "900/s"},
                                     {"forecast.method", "ses"},
                                     {"faults[3].at", "1d"},
                                     {"name.first", "x"},
                                     {"workloads..rate", "1/s"},
                                     {"seed", "[1, "}});
    const std::string text = r.diagnostics.format();
    CHECK_THAT(text, Contains("--set workloads.chta.arrivals.rate: no workload 'chta' (did you mean 'chat'?)"));
    CHECK_THAT(text, Contains("--set forecast.method: 'forecast' is not in the scenario"));
    CHECK_THAT(text, Contains("no fault at index 3 ('faults' has 1)"));
    CHECK_THAT(text, Contains("'name' is a single value, so it has no 'first'"));
    CHECK_THAT(text, Contains("--set workloads..rate: malformed path"));
    CHECK_THAT(text, Contains("is not valid YAML"));
  }
  SECTION("parse_override") {
    const Override o = parse_override("policies.scheduler={name: random, k: a=b}");
    CHECK(o.path == "policies.scheduler");
    CHECK(o.value == "{name: random, k: a=b}");
    CHECK_THROWS_AS(parse_override("seed"), InputError);
    CHECK_THROWS_WITH(parse_override("=3"), Contains("expected PATH=VALUE"));
  }
}
