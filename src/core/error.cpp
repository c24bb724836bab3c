#include "meridian/core/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace meridian {

std::string Diagnostics::format() const {
  std::string out;
  for (const auto& d : items_) {
    const auto& w = d.where;
    std::string prefix = w.file.empty() ? std::string("<input>") : w.file;
    if (w.line > 0) prefix += fmt::format(":{}:{}", w.line, std::max(w.column, 1));
    out += prefix + ": ";
    if (!w.path.empty()) out += w.path + ": ";
    out += d.message + "\n";
    if (!w.source_line.empty()) {
      out += "    " + w.source_line + "\n";
      out += "    " + std::string(static_cast<std::size_t>(std::max(w.column - 1, 0)), ' ') + "^\n";
    }
  }
  return out;
}

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace meridian
