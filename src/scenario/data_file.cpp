#include "scenario/data_file.hpp"

#include <fmt/format.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <system_error>

#include "scenario/scenario_limits.hpp"

namespace meridian::scenario {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::vector<TextField> split_commas(std::string_view line) {
  std::vector<TextField> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t end = line.find(',', start);
    if (end == std::string_view::npos) end = line.size();
    std::size_t first = start, last = end;
    while (first < last && is_blank(line[first])) ++first;
    while (last > first && is_blank(line[last - 1])) --last;
    fields.push_back({line.substr(first, last - first), static_cast<int>(first) + 1});
    if (end == line.size()) break;
    start = end + 1;
  }
  return fields;
}

std::vector<TextField> split_whitespace(std::string_view line) {
  std::vector<TextField> fields;
  std::size_t pos = 0;
  while (pos < line.size()) {
    while (pos < line.size() && is_blank(line[pos])) ++pos;
    const std::size_t start = pos;
    while (pos < line.size() && !is_blank(line[pos])) ++pos;
    if (pos > start) fields.push_back({line.substr(start, pos - start), static_cast<int>(start) + 1});
  }
  return fields;
}

DataFile::DataFile(const Located& reference, const std::string& file, std::string_view what)
    : reference_(reference), what_(what), path_(reference.context().resolve(file)) {
  std::error_code ec;
  const auto status = std::filesystem::status(path_, ec);
  if (ec || !std::filesystem::exists(status)) {
    reference.error(fmt::format("cannot open {} file '{}': no such file", what, path_));
    return;
  }
  if (!std::filesystem::is_regular_file(status)) {
    reference.error(fmt::format("cannot open {} file '{}': not a regular file", what, path_));
    return;
  }
  const auto size = std::filesystem::file_size(path_, ec);
  if (!ec && size > limits::kMaxDataFileBytes) {
    reference.error(fmt::format("{} file '{}' is {} bytes, more than this machine can hold (limit {} bytes)", what,
                                path_, size, limits::kMaxDataFileBytes));
    return;
  }
  stream_.open(path_, std::ios::binary);
  if (!stream_) {
    reference.error(fmt::format("cannot open {} file '{}': {}", what, path_, std::strerror(errno)));
    return;
  }
  open_ok_ = true;
  buffer_.resize(limits::kMaxLineBytes + 1);
}

bool DataFile::next() {
  if (!is_open()) return false;
  while (true) {
    stream_.getline(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    const auto count = stream_.gcount();
    if (stream_.bad() || (count == 0 && stream_.eof())) return false;
    ++line_number_;
    if (stream_.fail() && !stream_.eof()) {
      // The line did not fit the buffer: report it and skip the rest of it.
      stream_.clear();
      stream_.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
      line_ = {};
      error(1, fmt::format("line is longer than {} bytes", limits::kMaxLineBytes));
      continue;
    }
    // gcount counts the newline that getline consumed, but not one at the end of the file.
    std::size_t length = static_cast<std::size_t>(count);
    if (length > 0 && !stream_.eof()) --length;
    line_ = std::string_view(buffer_.data(), length);
    if (!line_.empty() && line_.back() == '\r') line_.remove_suffix(1);
    return true;
  }
}

void DataFile::error(int column, std::string message) {
  ++errors_;
  if (errors_ > limits::kMaxRowErrors) return;
  reference_.context().error(Where{path_, line_number_, column, reference_.path(), caret_line(line_, column)},
                             std::move(message));
}

void DataFile::finish() {
  if (errors_ == 0) return;
  std::string message = fmt::format("{} file '{}' has {} problem{}", what_, path_, errors_, errors_ == 1 ? "" : "s");
  if (errors_ > limits::kMaxRowErrors) message += fmt::format(" (the first {} are listed)", limits::kMaxRowErrors);
  reference_.error(message);
}

}  // namespace meridian::scenario
