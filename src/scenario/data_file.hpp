#pragma once
// A data file named by a scenario (a trace, a carbon series), read line by line with the
// checks every such file needs: it opens, it is not larger than this machine can hold, no
// line is absurdly long, and problems in it point at file:line:column with the line's text.

#include <exception>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/yaml_reader.hpp"

namespace meridian::scenario {

/// One field of a delimited line, with its 1-based column for messages.
struct TextField {
  std::string_view text;
  int column = 1;
};

/// Splits at commas, trimming spaces and tabs around each field. No quoting: data files here
/// hold numbers and ids, and a quoted field fails to parse with a located message.
std::vector<TextField> split_commas(std::string_view line);
/// Splits at runs of whitespace (the Standard Workload Format).
std::vector<TextField> split_whitespace(std::string_view line);

class DataFile {
 public:
  /// Opens `reference`'s file (resolved against the scenario's folder); reports at `reference`
  /// when it cannot be opened or is too large. `what` names the file in messages ("trace").
  DataFile(const Located& reference, const std::string& file, std::string_view what);

  bool is_open() const { return stream_.is_open() && open_ok_; }
  const std::string& path() const { return path_; }
  ReadContext& context() const { return reference_.context(); }
  /// The next line (without its line end); false at the end of the file.
  bool next();
  std::string_view line() const { return line_; }
  int line_number() const { return line_number_; }

  /// Converts one field with `parse` (which throws a std::exception whose message is meant for
  /// the user) and reports at the field's column, prefixed by `label` (the column's name), when
  /// it does not parse.
  template <class Parse>
  auto field_as(const TextField& field, std::string_view label, Parse parse)
      -> std::optional<decltype(parse(std::string_view{}))> {
    try {
      return parse(field.text);
    } catch (const std::exception& e) {
      error(field.column, std::string(label) + ": " + e.what());
      return std::nullopt;
    }
  }

  /// Reports a problem at `column` of the current line. After limits::kMaxRowErrors of them the
  /// rest are only counted, so a file of a million bad rows gives a readable message.
  void error(int column, std::string message);
  std::size_t error_count() const { return errors_; }
  /// Call once at the end: when there were problems, reports them once more at the scenario
  /// value naming the file, so that every message is anchored in the scenario (which workload's
  /// trace?) and says how many were not listed.
  void finish();

 private:
  Located reference_;  ///< the scenario value naming the file
  std::string what_;
  std::string path_;
  std::ifstream stream_;
  bool open_ok_ = false;
  std::vector<char> buffer_;
  std::string_view line_;
  int line_number_ = 0;
  std::size_t errors_ = 0;
};

}  // namespace meridian::scenario
