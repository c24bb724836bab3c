#pragma once
/// Problems in user input, located by file, line, column and key path, collected so that
/// all of them are reported at once. Input problems end a command with exit code 2.

#include <stdexcept>
#include <string>
#include <vector>

namespace meridian {

/// Where a value came from: file:line:column (1-based; line 0 means unknown) and key path.
struct Where {
  std::string file;
  int line = 0;
  int column = 0;
  std::string path;  ///< e.g. "workloads.chat.arrivals.rate" (list items by id when they have one)
  std::string source_line;  ///< the text of that line, for a caret under the column
};

/// One problem found in the input.
struct Diagnostic {
  Where where;
  std::string message;
};

/// Problems collected over a whole file (or several), reported together.
class Diagnostics {
 public:
  void error(Where where, std::string message) { items_.push_back({std::move(where), std::move(message)}); }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  void append(const Diagnostics& other) { items_.insert(items_.end(), other.items_.begin(), other.items_.end()); }

  /// ninja-style text: "file:line:col: path: message", the source line, and a caret.
  std::string format() const;

 private:
  std::vector<Diagnostic> items_;
};

/// Thrown when input cannot be used; carries every problem found. Maps to exit code 2.
class InputError : public std::runtime_error {
 public:
  explicit InputError(Diagnostics diagnostics)
      : std::runtime_error(diagnostics.format()), diagnostics_(std::move(diagnostics)) {}
  InputError(Where where, std::string message) : InputError(single(std::move(where), std::move(message))) {}
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  static Diagnostics single(Where where, std::string message) {
    Diagnostics d;
    d.error(std::move(where), std::move(message));
    return d;
  }
  Diagnostics diagnostics_;
};

/// The closest candidate to `word` by edit distance, or "" when none is close enough
/// to be a plausible typo. Used for "did you mean" suggestions.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace meridian
