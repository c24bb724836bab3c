#pragma once
// An output file written under a temporary name and renamed into place only when complete, so
// an interrupted run never leaves a partial file that looks whole.

#include <cstdio>
#include <string>

namespace meridian {

class AtomicFile {
 public:
  /// Opens `path + ".tmp"` for writing; throws std::runtime_error if it cannot.
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // removes the temporary file unless commit() succeeded
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::FILE* handle() { return file_; }
  /// Flushes, closes and renames to the final name; throws std::runtime_error on failure.
  void commit();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string temporary_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

/// Writes `content` to `path` atomically.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace meridian
