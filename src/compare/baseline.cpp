#include "compare/baseline.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include <fmt/format.h>

#include "compare/compare_output.hpp"
#include "meridian/core/error.hpp"
#include "metrics/format.hpp"

namespace meridian::compare {

namespace {

[[noreturn]] void bad_tolerance(std::string_view argument, const std::string& message) {
  throw InputError(Where{"--tolerance", 0, 0, std::string(argument), ""}, message);
}

[[noreturn]] void bad_baseline(const std::string& file, const std::string& message) {
  throw InputError(Where{file, 0, 0, "", ""}, message);
}

// An estimate from its stored form. The spread comes back from the interval's half-width.
MeanEstimate estimate_from(const nlohmann::json& m, double confidence, const std::string& file, const std::string& at) {
  if (!m.is_object() || !m.contains("mean") || !m.contains("n") || !m["n"].is_number_unsigned())
    bad_baseline(file, fmt::format("{}: expected {{\"mean\", \"ci_low\", \"ci_high\", \"n\"}}", at));
  MeanEstimate e;
  e.n = m["n"].get<std::size_t>();
  if (!m["mean"].is_number()) bad_baseline(file, fmt::format("{}: mean is not a number", at));
  e.mean = m["mean"].get<double>();
  const auto low = m.find("ci_low"), high = m.find("ci_high");
  if (e.n >= 2 && low != m.end() && high != m.end() && low->is_number() && high->is_number()) {
    e.half_width = (high->get<double>() - low->get<double>()) / 2.0;
    e.sd = sd_from_half_width(e.half_width, e.n, confidence);
  } else {
    e.n = std::min<std::size_t>(e.n, 1);  // no interval stored: nothing to test with
  }
  return e;
}

// A metric's `per_replication` list (absent in older files: no entries).
std::vector<std::optional<double>> per_replication_from(const nlohmann::json& m, std::size_t replications,
                                                        const std::string& file, const std::string& at) {
  std::vector<std::optional<double>> out;
  const auto it = m.find("per_replication");
  if (it == m.end()) return out;
  if (!it->is_array() || it->size() != replications)
    bad_baseline(file, fmt::format("{}.per_replication: expected a list of {} numbers (one per replication, null "
                                   "where there was no value)",
                                   at, replications));
  for (const auto& value : *it) {
    if (value.is_null()) {
      out.emplace_back();
    } else if (value.is_number()) {
      out.emplace_back(value.get<double>());
    } else {
      bad_baseline(file, fmt::format("{}.per_replication: expected numbers or null", at));
    }
  }
  return out;
}

std::optional<std::uint64_t> seed_from(const nlohmann::json& object, const std::string& file, const std::string& at) {
  const auto it = object.find("seed");
  if (it == object.end()) return std::nullopt;
  if (!it->is_number_unsigned()) bad_baseline(file, fmt::format("{}seed: expected a whole number >= 0", at));
  return it->get<std::uint64_t>();
}

// Why replication i of this baseline variant cannot be paired with replication i of the
// current one, and what would pair them; empty when they can be paired.
std::string pairing_problem(const Baseline& baseline, const BaselineVariant& base, std::size_t replications,
                            std::uint64_t seed) {
  bool has_values = false;
  for (const auto& [name, m] : base.metrics) has_values = has_values || !m.per_replication.empty();
  if (!has_values)
    return "the baseline has no per-replication values (written by an older version, or a compare.json); "
           "rewrite it with --write-baseline to pair";
  if (!base.seed) return "the baseline does not say which seed it used; rewrite it with --write-baseline to pair";
  if (baseline.replications != replications)
    return fmt::format("the baseline has {} replications, this comparison {}; run --replications {} to pair",
                       baseline.replications, replications, baseline.replications);
  if (*base.seed != seed)
    return fmt::format("the baseline used seed {}, this comparison seed {}; use seed {} to pair", *base.seed, seed,
                       *base.seed);
  return "";
}

// The pairs (current_i, base_i) of the replications that have the metric on both sides.
void pairs_of(const BaselineMetric& now, const BaselineMetric& before, std::vector<double>& current,
              std::vector<double>& base) {
  current.clear();
  base.clear();
  if (now.per_replication.size() != before.per_replication.size()) return;
  for (std::size_t r = 0; r < now.per_replication.size(); ++r)
    if (now.per_replication[r] && before.per_replication[r]) {
      current.push_back(*now.per_replication[r]);
      base.push_back(*before.per_replication[r]);
    }
}

std::string t_text(double t) { return std::isinf(t) ? "inf, no spread" : fmt::format("{:.2f}", t); }

bool same_values(const VariantSummary& v, const Comparison& c, const BaselineVariant& b) {
  if (b.values.size() != c.axes.size()) return false;
  for (std::size_t k = 0; k < c.axes.size(); ++k) {
    bool found = false;
    for (const auto& [path, value] : b.values)
      found = found || (path == c.axes[k].path && value == v.variant.values[k]);
    if (!found) return false;
  }
  return true;
}

std::string percent_text(double p) {
  if (std::isinf(p)) return "baseline 0";
  // Past +1000 % a ratio reads better than a percentage ("x373" rather than "+37,200 %").
  if (p >= 1000.0) return fmt::format("{:+.0f} %, x{:.0f}", p, 1.0 + p / 100.0);
  return fmt::format("{:+.1f} %", p);
}

}  // namespace

Tolerance parse_tolerance(std::string_view argument) {
  constexpr const char* kExample = "such as global.wait_s.p99=5%";
  const std::size_t eq = argument.find('=');
  if (eq == std::string_view::npos) bad_tolerance(argument, fmt::format("expected METRIC=PERCENT, {}", kExample));
  Tolerance t;
  t.metric = std::string(argument.substr(0, eq));
  if (t.metric.empty()) bad_tolerance(argument, fmt::format("the metric before '=' is empty; {}", kExample));
  std::string number(argument.substr(eq + 1));
  if (!number.empty() && number.back() == '%') number.pop_back();
  std::size_t used = 0;
  double value = std::numeric_limits<double>::quiet_NaN();
  try {
    value = std::stod(number, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (number.empty() || used != number.size() || !std::isfinite(value) || value < 0.0)
    bad_tolerance(argument, fmt::format("'{}' is not a percentage (a number >= 0, optionally followed by %); {}",
                                        argument.substr(eq + 1), kExample));
  t.percent = value;
  return t;
}

const BaselineMetric* BaselineVariant::find(std::string_view metric) const {
  for (const auto& [name, e] : metrics)
    if (name == metric) return &e;
  return nullptr;
}

std::vector<std::string> Baseline::metric_names() const {
  std::vector<std::string> out;
  for (const auto& v : variants)
    for (const auto& [name, e] : v.metrics)
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  return out;
}

nlohmann::ordered_json baseline_json(const Comparison& c) {
  nlohmann::ordered_json doc = comparison_json(c);
  // The same document as compare.json without what a baseline does not need, and with what
  // pairing needs: the seed (with the replication index it names every random stream) and each
  // replication's value.
  doc.erase("reference");
  doc.erase("worse_when");
  const std::uint64_t seed = c.variants.empty() ? 0 : c.variants.front().seed;
  nlohmann::ordered_json out = {{"kind", "meridian-baseline"}};
  for (auto& [key, value] : doc.items()) {
    out[key] = std::move(value);
    if (key == "scenario") out["seed"] = seed;
  }
  auto& variants = out["variants"];
  for (std::size_t v = 0; v < c.variants.size(); ++v) {
    const VariantSummary& vs = c.variants[v];
    auto& variant = variants[v];
    for (const auto& m : vs.metrics) {
      auto& metric = variant["metrics"][m.path];
      metric.erase("difference");
      auto values = nlohmann::ordered_json::array();
      for (const auto& value : m.per_replication)
        values.push_back(value && std::isfinite(*value) ? nlohmann::ordered_json(tidy(*value))
                                                        : nlohmann::ordered_json(nullptr));
      metric["per_replication"] = std::move(values);
    }
    if (vs.seed != seed) {  // only when the seed itself is varied
      nlohmann::ordered_json with_seed;
      for (auto& [key, value] : variant.items()) {
        with_seed[key] = std::move(value);
        if (key == "values") with_seed["seed"] = vs.seed;
      }
      variant = std::move(with_seed);
    }
  }
  return out;
}

std::string baseline_text(const Comparison& c) {
  const std::string text = baseline_json(c).dump(2);
  // dump(2) puts every list element on its own line; a list of numbers reads (and diffs) better
  // on one. Such a list opens with "[\n" (a JSON string never holds a raw line break) and holds
  // no quote, bracket or brace before its closing "]".
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '[' && i + 1 < text.size() && text[i + 1] == '\n') {
      const std::size_t close = text.find_first_of("\"[]{}", i + 1);
      if (close != std::string::npos && text[close] == ']') {
        out += '[';
        bool first = true;
        std::string item;
        for (std::size_t k = i + 1; k <= close; ++k) {
          const char ch = text[k];
          if (ch == ',' || k == close) {
            if (!item.empty()) {
              out += first ? "" : ", ";
              out += item;
              first = false;
            }
            item.clear();
          } else if (ch != ' ' && ch != '\n') {
            item += ch;
          }
        }
        out += ']';
        i = close + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out + "\n";
}

Baseline parse_baseline(const nlohmann::json& doc, const std::string& file) {
  if (!doc.is_object() || !doc.contains("variants") || !doc["variants"].is_array())
    bad_baseline(file,
                 "not a Meridian baseline (written by compare --write-baseline) or compare.json: no 'variants' list");
  Baseline b;
  b.file = file;
  b.scenario = doc.value("scenario", std::string());
  b.replications = doc.value("replications", std::size_t{0});
  b.seed = seed_from(doc, file, "");
  b.confidence = doc.value("confidence", kConfidence);
  if (!(b.confidence > 0.0 && b.confidence < 1.0)) bad_baseline(file, "'confidence' must be between 0 and 1");
  std::size_t index = 0;
  for (const auto& v : doc["variants"]) {
    const std::string at = fmt::format("variants[{}]", index++);
    if (!v.is_object() || !v.contains("values") || !v["values"].is_object() || !v.contains("metrics") ||
        !v["metrics"].is_object())
      bad_baseline(file, at + ": expected an object with 'values' and 'metrics'");
    BaselineVariant bv;
    bv.label = v.value("label", std::string());
    bv.seed = seed_from(v, file, at + ".");
    if (!bv.seed) bv.seed = b.seed;
    for (const auto& [path, value] : v["values"].items()) {
      if (!value.is_string()) bad_baseline(file, fmt::format("{}.values.{}: expected text", at, path));
      bv.values.emplace_back(path, value.get<std::string>());
    }
    for (const auto& [name, m] : v["metrics"].items()) {
      const std::string where = at + ".metrics." + name;
      BaselineMetric metric;
      metric.estimate = estimate_from(m, b.confidence, file, where);
      metric.per_replication = per_replication_from(m, b.replications, file, where);
      bv.metrics.emplace_back(name, std::move(metric));
    }
    b.variants.push_back(std::move(bv));
  }
  return b;
}

Baseline read_baseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) bad_baseline(path, "cannot read the baseline file");
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    bad_baseline(path, fmt::format("not valid JSON: {}", e.what()));
  }
  return parse_baseline(doc, path);
}

void check_tolerance_metrics(const std::vector<Tolerance>& tolerances, const Baseline& baseline) {
  const auto known = baseline.metric_names();
  for (std::size_t i = 0; i < tolerances.size(); ++i) {
    const auto& t = tolerances[i];
    const std::string argument = fmt::format("{}={}%", t.metric, t.percent);
    for (std::size_t j = 0; j < i; ++j)
      if (tolerances[j].metric == t.metric) bad_tolerance(argument, "this metric has two tolerances");
    if (std::find(known.begin(), known.end(), t.metric) != known.end()) continue;
    const std::string guess = closest_match(t.metric, known);
    bad_tolerance(argument, fmt::format("unknown metric '{}': {} has no such metric{}", t.metric, baseline.file,
                                        guess.empty() ? " (metrics are paths such as global.wait_s.p99)"
                                                      : fmt::format(" (did you mean '{}'?)", guess)));
  }
}

std::size_t RegressionReport::failures() const {
  std::size_t n = 0;
  for (const auto& c : checks) n += c.failed;
  return n;
}

RegressionReport check_regressions(const Comparison& current_comparison, const Baseline& baseline,
                                   const std::vector<Tolerance>& given) {
  // Both sides go through the stored form, so identical runs compare exactly equal (the
  // baseline's numbers were rounded to 9 digits when written).
  const Baseline current = parse_baseline(baseline_json(current_comparison), "current results");
  std::vector<Tolerance> tolerances = given;
  if (tolerances.empty())
    for (const auto& metric : default_tolerance_metrics()) tolerances.push_back({metric, 5.0});

  RegressionReport report;
  std::vector<bool> used(baseline.variants.size(), false);
  std::vector<std::pair<std::string, std::string>> problems;  // per matched variant: label, why not paired
  std::vector<double> paired_now, paired_before;
  for (std::size_t v = 0; v < current_comparison.variants.size(); ++v) {
    const VariantSummary& vs = current_comparison.variants[v];
    std::size_t b = 0;
    while (b < baseline.variants.size() && !same_values(vs, current_comparison, baseline.variants[b])) ++b;
    if (b == baseline.variants.size()) {
      report.notes.push_back(fmt::format("variant '{}' is not in the baseline: not checked", vs.label));
      continue;
    }
    used[b] = true;
    const BaselineVariant& base = baseline.variants[b];
    const std::string problem = pairing_problem(baseline, base, current_comparison.replications, vs.seed);
    problems.emplace_back(vs.label, problem);
    for (const auto& t : tolerances) {
      const BaselineMetric* before = base.find(t.metric);
      if (!before) {
        // A default metric the scenario does not have (no SLO, say) is skipped quietly.
        if (!given.empty())
          report.notes.push_back(
              fmt::format("variant '{}': {} is not in its baseline: not checked", vs.label, t.metric));
        continue;
      }
      MetricCheck check;
      check.variant = vs.label;
      check.metric = t.metric;
      check.direction = metric_direction(t.metric);
      check.tolerance_percent = t.percent;
      check.baseline = before->estimate;
      const BaselineMetric* now = current.variants[v].find(t.metric);
      if (!now) {
        check.missing = true;
        check.failed = true;  // a metric that disappeared (nothing completed, say) is not a pass
        report.checks.push_back(std::move(check));
        continue;
      }
      check.current = now->estimate;
      const double diff = now->estimate.mean - before->estimate.mean;
      check.change_percent = before->estimate.mean != 0.0 ? 100.0 * diff / std::fabs(before->estimate.mean)
                                                          : (diff == 0.0 ? 0.0 : std::copysign(INFINITY, diff));
      const double allowed = t.percent / 100.0 * std::fabs(before->estimate.mean);
      if (check.direction == Direction::kHigherIsWorse) check.beyond_tolerance = diff > allowed;
      if (check.direction == Direction::kLowerIsWorse) check.beyond_tolerance = -diff > allowed;

      // Paired when the replications line up and at least two have the metric on both sides;
      // else Welch's test on the two means and intervals.
      if (problem.empty()) pairs_of(*now, *before, paired_now, paired_before);
      if (problem.empty() && paired_now.size() >= 2) {
        check.test_kind = TestKind::kPaired;
        check.paired = paired_test(paired_now, paired_before, baseline.confidence);
        check.testable = check.paired.testable;
        check.significant = check.direction == Direction::kHigherIsWorse ? check.paired.above_zero
                            : check.direction == Direction::kLowerIsWorse
                                ? check.paired.below_zero
                                : check.paired.above_zero || check.paired.below_zero;
      } else {
        check.test_kind = TestKind::kWelch;
        check.welch = welch_test(now->estimate, before->estimate, baseline.confidence);
        check.testable = check.welch.testable;
        check.significant = check.welch.significant;
      }
      check.failed = check.beyond_tolerance && (check.significant || !check.testable);
      report.checks.push_back(std::move(check));
    }
  }
  for (std::size_t b = 0; b < baseline.variants.size(); ++b)
    if (!used[b])
      report.notes.push_back(
          fmt::format("baseline variant '{}' was not run this time: not checked", baseline.variants[b].label));
  if (problems.empty())
    bad_baseline(baseline.file,
                 "no variant of this comparison is in the baseline: variants are matched by the values of every "
                 "--vary path, so vary the same paths (and values) as when the baseline was written");

  // Say which test was used, once when every variant is alike.
  const bool all_alike =
      std::all_of(problems.begin(), problems.end(), [&](const auto& p) { return p.second == problems.front().second; });
  constexpr const char* kUnpaired = "Welch's unpaired t-test (less sensitive than the paired one){}: {}";
  for (const auto& [label, problem] : problems) {
    if (problem.empty() && all_alike) {
      report.method.push_back(
          fmt::format("paired t-test on the per-replication differences (seed {}, replication i against replication i)",
                      current_comparison.variants.front().seed));
    } else if (problem.empty()) {
      report.method.push_back(fmt::format("variant '{}': paired t-test on the per-replication differences", label));
    } else {
      report.method.push_back(
          fmt::format(kUnpaired, all_alike ? "" : fmt::format(" for variant '{}'", label), problem));
    }
    if (all_alike) break;
  }
  return report;
}

void print_regression_report(std::FILE* out, const RegressionReport& report, const Baseline& baseline) {
  fmt::print(out, "\nregression check against {} (scenario {}, {} replications):\n", baseline.file, baseline.scenario,
             baseline.replications);
  for (const auto& line : report.method) fmt::print(out, "  test: {}\n", line);
  for (const auto& c : report.checks) {
    const char* status = c.failed ? "FAIL" : "ok  ";
    if (c.missing) {
      fmt::print(out, "  {}  {}  {}: in the baseline ({}) but missing from the current results\n", status, c.variant,
                 c.metric, format_estimate(c.metric, c.baseline));
      continue;
    }
    std::string verdict;
    if (c.direction == Direction::kNeutral) {
      verdict = "neutral metric, never fails";
    } else if (!c.beyond_tolerance) {
      verdict = fmt::format("within {}% tolerance", c.tolerance_percent);
    } else {
      verdict = fmt::format("worse by more than {}%", c.tolerance_percent);
      if (!c.testable) {
        verdict += ", no interval to test (fewer than 2 replications)";
      } else if (c.test_kind == TestKind::kPaired) {
        const MeanEstimate& d = c.paired.difference;
        verdict += fmt::format("{} (paired t = {}, n {}: difference {} {} 0)",
                               c.significant ? ", significant" : ", but not significant", t_text(c.paired.t), d.n,
                               format_difference_interval(c.metric, d.low(), d.high()),
                               c.significant ? "excludes" : "includes");
      } else if (c.significant) {
        verdict += fmt::format(", significant (Welch t = {:.2f}, df {:.1f}, |t| > {:.2f})", c.welch.t, c.welch.df,
                               c.welch.critical);
      } else {
        verdict += fmt::format(", but not significant (Welch t = {:.2f}, |t| <= {:.2f})", c.welch.t, c.welch.critical);
      }
    }
    fmt::print(out, "  {}  {}  {}: {} → {} ({}); {}\n", status, c.variant, c.metric,
               format_metric(c.metric, c.baseline.mean), format_metric(c.metric, c.current.mean),
               percent_text(c.change_percent), verdict);
  }
  for (const auto& note : report.notes) fmt::print(out, "  note: {}\n", note);
  const std::size_t failures = report.failures();
  if (failures == 0)
    fmt::print(out, "no regression ({} check{})\n", report.checks.size(), report.checks.size() == 1 ? "" : "s");
  else
    fmt::print(out, "{} regression{} in {} check{}\n", failures, failures == 1 ? "" : "s", report.checks.size(),
               report.checks.size() == 1 ? "" : "s");
}

}  // namespace meridian::compare
