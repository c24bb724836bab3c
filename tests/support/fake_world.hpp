#pragma once
// A hand-built world for testing policies without an engine.

#include <vector>

#include "meridian/model/world_view.hpp"

namespace meridian::testing {

class FakeWorld final : public WorldView {
 public:
  explicit FakeWorld(std::size_t regions) : info_(regions), load_(regions), latency_(regions, std::vector<double>(regions, 0.0)) {
    for (std::size_t r = 0; r < regions; ++r) {
      info_[r].id = "r" + std::to_string(r);
      info_[r].capacity[0] = 10;
    }
  }
  SimTime now() const override { return SimTime{}; }
  std::size_t region_count() const override { return info_.size(); }
  const RegionInfo& region(RegionIndex r) const override { return info_[r]; }
  const RegionLoad& load(RegionIndex r) const override { return load_[r]; }
  const std::vector<std::string>& resource_names() const override { return names_; }
  SimDuration latency(RegionIndex a, RegionIndex b) const override { return *duration_from_seconds(latency_[a][b]); }
  SimDuration transfer_time(RegionIndex a, RegionIndex b, double bytes) const override {
    return *duration_from_seconds(latency_[a][b] + (a == b ? 0.0 : bytes / bytes_per_s_));
  }
  SimDuration expected_transfer_time(RegionIndex a, RegionIndex b, double bytes) const override {
    return transfer_time(a, b, bytes * sharing_);
  }
  double input_bytes(const Task&) const override { return input_bytes_; }
  RegionIndex input_source(const Task& task, RegionIndex) const override {
    return data_home_ == kNoRegion ? task.origin : data_home_;
  }
  std::uint64_t candidates_key() const override { return key_; }
  std::optional<std::span<const RegionIndex>> load_changes(std::uint64_t& cursor) const override {
    const std::uint64_t from = cursor;
    cursor = changed_.size();
    if (!log_changes_ || from > changed_.size()) return std::nullopt;
    return std::span<const RegionIndex>(changed_).subspan(from);
  }
  /// Changes a region's load through this, so that load_changes() reports it.
  RegionLoad& change_load(RegionIndex r) {
    changed_.push_back(r);
    return load_[r];
  }

  std::vector<RegionInfo> info_;
  std::vector<RegionLoad> load_;
  std::vector<std::vector<double>> latency_;  // seconds
  std::vector<std::string> names_{"gpu"};
  double bytes_per_s_ = 1e9;
  double input_bytes_ = 0.0;
  double sharing_ = 1.0;  ///< how many flows each transfer shares the network with (itself included)
  RegionIndex data_home_ = kNoRegion;  ///< where every task's input lives; kNoRegion: its origin
  std::uint64_t key_ = 0;              ///< candidates_key() (0: none, policies scan)
  bool log_changes_ = false;           ///< whether load_changes() answers
  std::vector<RegionIndex> changed_;
};

/// A task that wants `gpus` units of resource 0, from `origin`.
inline Task gpu_task(RegionIndex origin, std::int64_t gpus = 1) {
  Task t;
  t.origin = origin;
  t.demand[0] = gpus;
  t.service = std::chrono::seconds{10};
  return t;
}

}  // namespace meridian::testing
