// timeseries.csv and tasks.csv -> plain vectors for the charts, plus the reductions (downsampling,
// empirical CDF) that keep the page small however long the run was.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "report/run_data.hpp"

namespace meridian::report {

namespace {

// Splits one CSV line. Our writers never quote, but a quoted field ("a,b") is honoured anyway.
void split_csv(const std::string& line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        field += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  fields.push_back(std::move(field));
}

class CsvFile {
 public:
  explicit CsvFile(const std::string& path) : path_(path), in_(path, std::ios::binary) {
    if (!in_) throw std::runtime_error(fmt::format("{}: cannot open", path));
    if (!next()) throw std::runtime_error(fmt::format("{}: empty file (expected a header line)", path));
    header_ = fields_;
  }

  /// Index of a header column; throws when the file lacks it.
  std::size_t column(std::string_view name) const {
    const auto it = std::find(header_.begin(), header_.end(), name);
    if (it == header_.end()) throw std::runtime_error(fmt::format("{}: no column '{}' in the header", path_, name));
    return static_cast<std::size_t>(it - header_.begin());
  }
  const std::vector<std::string>& header() const { return header_; }

  /// Reads the next non-empty line into fields(); false at the end of the file.
  bool next() {
    std::string line;
    while (std::getline(in_, line)) {
      ++line_number_;
      if (line.empty() || line == "\r") continue;
      split_csv(line, fields_);
      if (!header_.empty() && fields_.size() != header_.size())
        fail(fmt::format("{} fields where the header has {}", fields_.size(), header_.size()));
      return true;
    }
    return false;
  }
  const std::string& field(std::size_t i) const { return fields_[i]; }

  /// The field as a number; empty fields are nullopt, anything else that does not parse is an error.
  std::optional<double> number(std::size_t i) const {
    const std::string& f = fields_[i];
    if (f.empty()) return std::nullopt;
    double v = 0.0;
    const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
    if (ec != std::errc() || end != f.data() + f.size() || !std::isfinite(v))
      fail(fmt::format("column '{}': '{}' is not a number", header_[i], f));
    return v;
  }
  double required_number(std::size_t i) const {
    const auto v = number(i);
    if (!v) fail(fmt::format("column '{}' is empty", header_[i]));
    return *v;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(fmt::format("{}:{}: {}", path_, line_number_, what));
  }

 private:
  std::string path_;
  std::ifstream in_;
  std::vector<std::string> header_, fields_;
  std::size_t line_number_ = 0;
};

}  // namespace

std::vector<RegionSeries> read_timeseries(const std::string& path) {
  CsvFile csv(path);
  const std::size_t t_col = csv.column("t"), region_col = csv.column("region"), queued_col = csv.column("queued");
  std::vector<std::pair<std::string, std::size_t>> util_cols;
  for (std::size_t i = 0; i < csv.header().size(); ++i) {
    const std::string& name = csv.header()[i];
    if (name.rfind("util_", 0) == 0) util_cols.emplace_back(name.substr(5), i);
  }
  std::vector<RegionSeries> out;
  std::map<std::string, std::size_t> index;
  while (csv.next()) {
    const std::string& region = csv.field(region_col);
    auto [it, inserted] = index.emplace(region, out.size());
    if (inserted) {
      RegionSeries s;
      s.region = region;
      for (const auto& [name, col] : util_cols) s.utilization.emplace_back(name, std::vector<double>{});
      out.push_back(std::move(s));
    }
    RegionSeries& s = out[it->second];
    const double t = csv.required_number(t_col);
    if (!s.t.empty() && t < s.t.back()) csv.fail("time goes backwards for region " + region);
    s.t.push_back(t);
    for (std::size_t k = 0; k < util_cols.size(); ++k)
      s.utilization[k].second.push_back(csv.number(util_cols[k].second).value_or(0.0));
    s.queued.push_back(csv.number(queued_col).value_or(0.0));
  }
  return out;
}

std::vector<std::pair<std::string, std::vector<double>>> read_task_responses(const std::string& path, double warmup_s) {
  CsvFile csv(path);
  const std::size_t workload_col = csv.column("workload"), arrival_col = csv.column("arrival"),
                    response_col = csv.column("response");
  std::vector<std::pair<std::string, std::vector<double>>> out;
  std::map<std::string, std::size_t> index;
  while (csv.next()) {
    const auto response = csv.number(response_col);
    if (!response) continue;  // never completed
    if (csv.required_number(arrival_col) < warmup_s) continue;
    const std::string& workload = csv.field(workload_col);
    auto [it, inserted] = index.emplace(workload, out.size());
    if (inserted) out.emplace_back(workload, std::vector<double>{});
    out[it->second].second.push_back(*response);
  }
  return out;
}

std::vector<std::pair<double, double>> downsample_min_max(const std::vector<double>& xs, const std::vector<double>& ys,
                                                          std::size_t max_points) {
  const std::size_t n = std::min(xs.size(), ys.size());
  std::vector<std::pair<double, double>> out;
  if (n <= max_points || max_points < 2) {
    for (std::size_t i = 0; i < std::min(n, max_points); ++i) out.emplace_back(xs[i], ys[i]);
    return out;
  }
  const std::size_t buckets = max_points / 2;
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t first = b * n / buckets, last = (b + 1) * n / buckets;  // [first, last)
    std::size_t lo = first, hi = first;
    for (std::size_t i = first; i < last; ++i) {
      if (ys[i] < ys[lo]) lo = i;
      if (ys[i] > ys[hi]) hi = i;
    }
    const std::size_t a = std::min(lo, hi), c = std::max(lo, hi);
    out.emplace_back(xs[a], ys[a]);
    if (c != a) out.emplace_back(xs[c], ys[c]);
  }
  return out;
}

std::vector<std::pair<double, double>> empirical_cdf(std::vector<double>& values, std::size_t max_points) {
  std::vector<std::pair<double, double>> out;
  if (values.empty() || max_points == 0) return out;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size(), k = std::min(n, max_points);
  for (std::size_t i = 0; i < k; ++i) {
    const std::size_t at =
        k == 1 ? n - 1
               : static_cast<std::size_t>(
                     std::llround(static_cast<double>(i) * static_cast<double>(n - 1) / static_cast<double>(k - 1)));
    out.emplace_back(values[at], static_cast<double>(at + 1) / static_cast<double>(n));
  }
  return out;
}

}  // namespace meridian::report
