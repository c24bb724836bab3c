// compare's building blocks without running anything: --vary and --tolerance parsing, the
// grid, summary.json flattening, metric directions, and the baseline rule on hand-made numbers.
#include <catch2/catch.hpp>

#include <cmath>

#include "compare/baseline.hpp"
#include "compare/comparison.hpp"
#include "compare/grid.hpp"
#include "compare/metrics_flatten.hpp"
#include "meridian/core/error.hpp"

using namespace meridian;
using namespace meridian::compare;

namespace {
std::string vary_error(const std::string& argument) {
  try {
    parse_vary(argument);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("vary values are split at top-level commas only", "[compare]") {
  VaryAxis a = parse_vary("policies.scheduler={name: x, k: 1},random");
  CHECK(a.path == "policies.scheduler");
  CHECK(a.values == std::vector<std::string>{"{name: x, k: 1}", "random"});
  a = parse_vary("outputs=[summary, tasks], [summary]");
  CHECK(a.values == std::vector<std::string>{"[summary, tasks]", "[summary]"});
  a = parse_vary("workloads.chat.arrivals.rate= 10/s , 'a,b' ,{x: [1, {y: 2}]}");
  CHECK(a.values == std::vector<std::string>{"10/s", "'a,b'", "{x: [1, {y: 2}]}"});
  // An apostrophe inside a word does not open a quote (as in YAML).
  a = parse_vary("name=o'brien,b");
  CHECK(a.values == std::vector<std::string>{"o'brien", "b"});
}

TEST_CASE("malformed --vary is an input error that says what is wrong", "[compare]") {
  CHECK_THAT(vary_error("policies.scheduler"), Catch::Contains("expected PATH=V1,V2"));
  CHECK_THAT(vary_error("=a,b"), Catch::Contains("path before '=' is empty"));
  CHECK_THAT(vary_error("policies.queue="), Catch::Contains("no values"));
  CHECK_THAT(vary_error("policies.queue=fifo,,priority"), Catch::Contains("value 2 is empty"));
  CHECK_THAT(vary_error("policies.queue=fifo,"), Catch::Contains("value 2 is empty"));
  CHECK_THAT(vary_error("policies.scheduler={name: x, k: 1"), Catch::Contains("'{' is not closed"));
  CHECK_THAT(vary_error("policies.scheduler=x}"), Catch::Contains("closes nothing"));
  CHECK_THAT(vary_error("policies.scheduler=[a}"), Catch::Contains("closes nothing"));
  CHECK_THAT(vary_error("policies.scheduler='a,b"), Catch::Contains("quote is not closed"));
  CHECK_THAT(vary_error("policies.queue=fifo,fifo"), Catch::Contains("given twice"));
  CHECK_THAT(vary_error("x"), Catch::Contains("--vary"));
  CHECK_THROWS_AS(check_axes({}), InputError);
  CHECK_THROWS_AS(check_axes({parse_vary("a=1"), parse_vary("a=2")}), InputError);
}

TEST_CASE("several --vary give every combination, the last one fastest", "[compare]") {
  const std::vector<VaryAxis> axes{parse_vary("policies.queue=fifo,priority"), parse_vary("seed=1,2,3")};
  const auto variants = cartesian_product(axes);
  REQUIRE(variants.size() == 6);
  CHECK(variant_label(variants[0]) == "fifo / 1");
  CHECK(variant_label(variants[1]) == "fifo / 2");
  CHECK(variant_label(variants[3]) == "priority / 1");
  CHECK(variant_label(variants[5]) == "priority / 3");
  // The varied values come after --set, so they win over a --set of the same path.
  const auto o = variant_overrides(axes, variants[4], {{"policies.queue", "backfill"}});
  REQUIRE(o.size() == 3);
  CHECK(o[1].path == "policies.queue");
  CHECK(o[1].value == "priority");
  CHECK(o[2].value == "2");
}

TEST_CASE("summary.json flattens to metric paths and skips what is not a metric", "[compare]") {
  const auto summary = nlohmann::ordered_json::parse(R"({
    "meridian": "0.1.0", "scenario": "s", "seed": 1, "policies": {"scheduler": "origin"},
    "simulated": {"end_s": 10.0},
    "global": {"tasks": {"arrived": 10, "completed": 9}, "wait_s": {"mean": 0.5, "p99": null},
               "slo_attainment": null, "utilization": {"gpu": 0.8}},
    "regions": {"eu": {"capacity": {"gpu": 8}, "location": {"lat": 1, "lon": 2}, "timezone": "UTC",
                       "outage_intervals_s": [[1, 2]], "downtime_s": 3.0, "up": true}},
    "workloads": {"chat": {"response_cdf_s": [0.1, 0.2], "cost_usd": 4}},
    "datasets": {"d": {"size_gb": 5.0, "residency_violations": 0}},
    "links": [{"bytes": 5}], "run": {"wall_s": 0.1, "events": 100}})");
  const auto metrics = flatten_metrics(summary);
  const std::vector<MetricValue> expected{{"global.tasks.arrived", 10},          {"global.tasks.completed", 9},
                                          {"global.wait_s.mean", 0.5},           {"global.utilization.gpu", 0.8},
                                          {"regions.eu.downtime_s", 3.0},        {"workloads.chat.cost_usd", 4},
                                          {"datasets.d.residency_violations", 0}};
  CHECK(metrics == expected);
}

TEST_CASE("each metric knows which way is worse", "[compare]") {
  for (const char* path : {"global.wait_s.p99", "global.response_s.mean", "regions.eu.cost_usd", "global.energy_kwh",
                           "global.carbon_kg", "global.egress_gb", "global.tasks.failed", "global.tasks.restarted",
                           "global.residency_violations", "global.work_lost_gpu_h", "regions.eu.outages",
                           "regions.eu.downtime_s", "global.imbalance.cv", "global.egress_cost_usd", "global.rpo.s",
                           "datasets.d.rpo.gb", "global.rto_s.max", "datasets.d.data_lost.gb",
                           "datasets.d.unavailable_s", "regions.eu.capacity_lost_unit_h.gpu",
                           "regions.eu.partial_outages", "global.replication_cost_usd"}) {
    INFO(path);
    CHECK(metric_direction(path) == Direction::kHigherIsWorse);
  }
  for (const char* path : {"global.slo_attainment", "workloads.chat.tasks.completed", "global.imbalance.jain",
                           "regions.eu.availability"}) {
    INFO(path);
    CHECK(metric_direction(path) == Direction::kLowerIsWorse);
  }
  for (const char* path :
       {"global.utilization.gpu", "regions.eu.utilization.cpu", "global.tasks.arrived", "x.unknown"}) {
    INFO(path);
    CHECK(metric_direction(path) == Direction::kNeutral);
  }
}

TEST_CASE("a tolerance is METRIC=PERCENT", "[compare]") {
  CHECK(parse_tolerance("global.wait_s.p99=5%").percent == 5.0);
  CHECK(parse_tolerance("global.wait_s.p99=2.5").percent == 2.5);
  CHECK(parse_tolerance("global.wait_s.p99=0%").metric == "global.wait_s.p99");
  for (const char* bad : {"global.wait_s.p99", "=5%", "global.wait_s.p99=", "global.wait_s.p99=abc",
                          "global.wait_s.p99=-1%", "global.wait_s.p99=nan", "global.wait_s.p99=5%%", "x=inf"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_tolerance(bad), InputError);
  }
}

namespace {
// A one-variant comparison whose replications of `metric` took `values`.
Comparison one_metric(const std::string& metric, const std::vector<double>& values, const std::string& queue = "fifo") {
  std::vector<std::vector<MetricValue>> runs;
  for (const double v : values) runs.push_back({{metric, v}, {"global.utilization.gpu", v / 100}});
  return summarize("s", {parse_vary("policies.queue=" + queue)}, {Variant{{queue}}}, values.size(), runs);
}

std::vector<MetricCheck> checks(const Comparison& now, const Comparison& before, std::vector<Tolerance> t) {
  const Baseline b = parse_baseline(nlohmann::json::parse(baseline_json(before).dump()), "b.json");
  return check_regressions(now, b, t).checks;
}
}  // namespace

TEST_CASE("a baseline fails a metric only when it is worse beyond tolerance and significantly", "[compare]") {
  const Comparison base = one_metric("global.wait_s.mean", {10, 11, 9, 10.5, 9.5});  // mean 10
  const std::vector<Tolerance> five{{"global.wait_s.mean", 5.0}};

  // The same numbers pass exactly.
  auto c = checks(base, base, five);
  REQUIRE(c.size() == 1);
  CHECK_FALSE(c[0].failed);
  CHECK(c[0].change_percent == 0.0);

  // 20 % worse with the same spread: beyond tolerance and significant.
  c = checks(one_metric("global.wait_s.mean", {12, 13.2, 10.8, 12.6, 11.4}), base, five);
  CHECK(c[0].beyond_tolerance);
  CHECK(c[0].significant);
  CHECK(c[0].failed);
  CHECK(c[0].change_percent == Approx(20.0));

  // 20 % worse but within a 25 % tolerance.
  c = checks(one_metric("global.wait_s.mean", {12, 13.2, 10.8, 12.6, 11.4}), base, {{"global.wait_s.mean", 25.0}});
  CHECK_FALSE(c[0].failed);

  // 20 % worse on average but so noisy that it is not significant: passes.
  c = checks(one_metric("global.wait_s.mean", {2, 22, 4, 20, 12}), base, five);
  CHECK(c[0].beyond_tolerance);
  CHECK_FALSE(c[0].significant);
  CHECK_FALSE(c[0].failed);

  // 20 % better: never a regression.
  c = checks(one_metric("global.wait_s.mean", {8, 8.8, 7.2, 8.4, 7.6}), base, five);
  CHECK_FALSE(c[0].beyond_tolerance);
  CHECK_FALSE(c[0].failed);

  // Lower is worse for SLO attainment; utilization is neutral and never fails.
  const Comparison slo = one_metric("global.slo_attainment", {0.95, 0.96, 0.94, 0.95, 0.95});
  c = checks(one_metric("global.slo_attainment", {0.80, 0.81, 0.79, 0.80, 0.80}), slo,
             {{"global.slo_attainment", 5.0}, {"global.utilization.gpu", 1.0}});
  REQUIRE(c.size() == 2);
  CHECK(c[0].failed);
  CHECK(c[1].direction == Direction::kNeutral);
  CHECK_FALSE(c[1].failed);

  // With no --tolerance the default headline set is used (those the baseline has).
  c = checks(one_metric("global.wait_s.mean", {12, 13.2, 10.8, 12.6, 11.4}), base, {});
  REQUIRE(c.size() == 1);
  CHECK(c[0].metric == "global.wait_s.mean");
  CHECK(c[0].tolerance_percent == 5.0);
  CHECK(c[0].failed);
}

TEST_CASE("baseline variants are matched by their varied values and unknown metrics are refused", "[compare]") {
  const Comparison base = one_metric("global.wait_s.mean", {10, 11, 9});
  const Baseline b = parse_baseline(nlohmann::json::parse(baseline_json(base).dump()), "b.json");
  // A comparison whose variants are all absent from the baseline is a usage error.
  CHECK_THROWS_AS(check_regressions(one_metric("global.wait_s.mean", {10, 11, 9}, "priority"), b, {}), InputError);
  try {
    check_tolerance_metrics({{"global.wait_s.maen", 5.0}}, b);
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("did you mean 'global.wait_s.mean'"));
  }
  CHECK_THROWS_AS(parse_baseline(nlohmann::json::parse(R"({"variants": 3})"), "b.json"), InputError);
}

namespace {
// A one-variant comparison of global.wait_s.mean with the given per-replication values (NaN:
// that replication has no value) and seed.
Comparison waits(const std::vector<double>& values, std::uint64_t seed = 0) {
  std::vector<std::vector<MetricValue>> runs;
  for (const double v : values) {
    runs.emplace_back();
    if (!std::isnan(v)) runs.back().push_back({"global.wait_s.mean", v});
    runs.back().push_back({"global.utilization.gpu", 0.5});
  }
  return summarize("s", {parse_vary("policies.queue=fifo")}, {Variant{{"fifo"}}}, values.size(), runs, {seed});
}

Baseline stored(const Comparison& c) { return parse_baseline(nlohmann::json::parse(baseline_text(c)), "b.json"); }

const std::vector<Tolerance> kWait5{{"global.wait_s.mean", 5.0}};
}  // namespace

TEST_CASE("a baseline with per-replication values is checked with the paired test, else with Welch's", "[compare]") {
  // The numbers of the statistics test: 13 % worse on average; paired t = 5.20 > 3.18 (fails),
  // Welch t = 1.34 < 2.5 (passes).
  const Comparison base = waits({10, 12, 11, 13}, 42), now = waits({11, 14, 12, 15}, 42);
  const Baseline b = stored(base);
  CHECK(b.seed == std::uint64_t{42});
  REQUIRE(b.variants.at(0).find("global.wait_s.mean") != nullptr);
  CHECK(b.variants[0].find("global.wait_s.mean")->per_replication.size() == 4);

  RegressionReport r = check_regressions(now, b, kWait5);
  REQUIRE(r.checks.size() == 1);
  CHECK(r.checks[0].test_kind == TestKind::kPaired);
  CHECK(r.checks[0].change_percent == Approx(100.0 * 1.5 / 11.5));
  CHECK(r.checks[0].paired.t == Approx(5.196152).epsilon(1e-6));
  CHECK(r.checks[0].significant);
  CHECK(r.checks[0].failed);
  REQUIRE(r.method.size() == 1);
  CHECK_THAT(r.method[0], Catch::StartsWith("paired t-test"));
  // The same numbers pass exactly.
  CHECK(check_regressions(base, b, kWait5).failures() == 0);

  // A file from before baselines kept replications (no seed, no per_replication): still read,
  // checked with Welch's test, and the output says why.
  nlohmann::json old = nlohmann::json::parse(baseline_text(base));
  old.erase("seed");
  for (auto& [name, m] : old["variants"][0]["metrics"].items()) m.erase("per_replication");
  r = check_regressions(now, parse_baseline(old, "old.json"), kWait5);
  REQUIRE(r.checks.size() == 1);
  CHECK(r.checks[0].test_kind == TestKind::kWelch);
  CHECK(r.checks[0].welch.t == Approx(1.341641).epsilon(1e-6));
  CHECK_FALSE(r.checks[0].significant);
  CHECK_FALSE(r.checks[0].failed);
  REQUIRE(r.method.size() == 1);
  CHECK_THAT(r.method[0], Catch::StartsWith("Welch's unpaired t-test") && Catch::Contains("no per-replication values"));

  // Another seed or another replication count: the replications are not the same pairs.
  r = check_regressions(waits({11, 14, 12, 15}, 43), b, kWait5);
  CHECK(r.checks.at(0).test_kind == TestKind::kWelch);
  CHECK_THAT(r.method.at(0), Catch::Contains("the baseline used seed 42, this comparison seed 43"));
  r = check_regressions(waits({11, 14, 12, 15, 13}, 42), b, kWait5);
  CHECK(r.checks.at(0).test_kind == TestKind::kWelch);
  CHECK_THAT(r.method.at(0), Catch::Contains("the baseline has 4 replications, this comparison 5"));

  // Lower is worse for SLO attainment: an interval above 0 is an improvement, never a failure.
  const auto slo = [](const std::vector<double>& v) {
    std::vector<std::vector<MetricValue>> runs;
    for (const double x : v) runs.push_back({{"global.slo_attainment", x}});
    return summarize("s", {parse_vary("policies.queue=fifo")}, {Variant{{"fifo"}}}, v.size(), runs, {1});
  };
  const Comparison slo_base = slo({0.90, 0.80, 0.85, 0.95});
  r = check_regressions(slo({0.91, 0.82, 0.86, 0.97}), stored(slo_base), {{"global.slo_attainment", 1.0}});
  CHECK(r.checks.at(0).paired.above_zero);
  CHECK_FALSE(r.checks[0].failed);
  r = check_regressions(slo({0.89, 0.78, 0.84, 0.93}), stored(slo_base), {{"global.slo_attainment", 1.0}});
  CHECK(r.checks.at(0).paired.below_zero);
  CHECK(r.checks[0].failed);
}

TEST_CASE("a replication without the metric is left out of the pairs and stored as null", "[compare]") {
  const double none = std::nan("");
  const Comparison base = waits({10, 12, 11, 13}), now = waits({11, none, 12, 15});
  const nlohmann::json doc = nlohmann::json::parse(baseline_text(now));
  CHECK(doc["variants"][0]["metrics"]["global.wait_s.mean"]["per_replication"] ==
        nlohmann::json::parse("[11.0, null, 12.0, 15.0]"));
  const RegressionReport r = check_regressions(now, stored(base), kWait5);
  REQUIRE(r.checks.size() == 1);
  CHECK(r.checks[0].test_kind == TestKind::kPaired);
  CHECK(r.checks[0].paired.difference.n == 3);  // d = 1, 1, 2
  CHECK(r.checks[0].paired.difference.mean == Approx(4.0 / 3.0));
}

TEST_CASE("the baseline file is deterministic, keeps lists of numbers on one line and reads back", "[compare]") {
  const Comparison c = waits({10, 12.5, 11, 13}, 7);
  const std::string text = baseline_text(c);
  CHECK(text == baseline_text(waits({10, 12.5, 11, 13}, 7)));
  CHECK(text.back() == '\n');
  CHECK_THAT(text, Catch::Contains("\"per_replication\": [10.0, 12.5, 11.0, 13.0]"));
  CHECK_THAT(text, Catch::Contains("\"varied\": [\n    \"policies.queue\"\n  ]"));  // strings keep dump(2)'s form
  CHECK_THAT(text, Catch::Contains("\"seed\": 7,"));
  CHECK(nlohmann::json::parse(text) == nlohmann::json::parse(baseline_json(c).dump()));

  // A varied seed: each variant that differs from the first says its own.
  std::vector<std::vector<MetricValue>> runs{{{"global.wait_s.mean", 1.0}}, {{"global.wait_s.mean", 2.0}}};
  const Comparison seeds = summarize("s", {parse_vary("seed=1,2")}, {Variant{{"1"}}, Variant{{"2"}}}, 1, runs, {1, 2});
  const nlohmann::json doc = nlohmann::json::parse(baseline_text(seeds));
  CHECK(doc["seed"] == 1);
  CHECK_FALSE(doc["variants"][0].contains("seed"));
  CHECK(doc["variants"][1]["seed"] == 2);
  const Baseline b = parse_baseline(doc, "b.json");
  CHECK(b.variants.at(0).seed == std::uint64_t{1});
  CHECK(b.variants.at(1).seed == std::uint64_t{2});

  // A broken per_replication list is refused (exit 2), not silently ignored.
  nlohmann::json bad = nlohmann::json::parse(text);
  bad["variants"][0]["metrics"]["global.wait_s.mean"]["per_replication"] = {1.0, 2.0};
  CHECK_THROWS_AS(parse_baseline(bad, "b.json"), InputError);
  bad["variants"][0]["metrics"]["global.wait_s.mean"]["per_replication"] = {1.0, 2.0, "x", 4.0};
  CHECK_THROWS_AS(parse_baseline(bad, "b.json"), InputError);
  bad = nlohmann::json::parse(text);
  bad["seed"] = -1;
  CHECK_THROWS_AS(parse_baseline(bad, "b.json"), InputError);
}
