#pragma once
// trace.json in the Chrome Trace Event format (opens in Perfetto and chrome://tracing): one
// process per region whose tasks are async slices (they overlap), one track per region for
// outages, and one for transfers between regions.

#include <vector>

#include "meridian/metrics/observer.hpp"
#include "metrics/atomic_file.hpp"
#include "world/model.hpp"

namespace meridian {

class ChromeTraceWriter final : public Observer {
 public:
  ChromeTraceWriter(const Model& model, const std::string& path);
  void on_task_interrupted(const Task& task, SimTime now, SimDuration lost) override;
  void on_task_finished(const Task& task, SimTime service_end, SimTime now) override;
  void on_transfer(RegionIndex from, RegionIndex to, double bytes, SimTime begin, SimTime end) override;
  void on_region_down(RegionIndex region, SimTime now) override;
  void on_region_up(RegionIndex region, SimTime now) override;
  void on_capacity_change(RegionIndex region, std::size_t resource, std::int64_t out_of_service, SimTime now) override;
  void on_link_fault(std::uint32_t link, SimTime now, bool begins, bool cut) override;
  void on_dataset_unavailable(DatasetIndex dataset, SimTime now) override;
  void on_dataset_available(DatasetIndex dataset, SimTime now) override;
  /// Closes open outages at `end`, ends the JSON document and renames it into place.
  void commit(SimTime end);

 private:
  void slice(int pid, std::uint64_t id, const std::string& name, const char* category, SimTime begin, SimTime end,
             const std::string& args);

  const Model& model_;
  AtomicFile file_;
  std::vector<SimTime> down_since_;
  std::vector<char> down_;
  struct LinkFaultSpan {
    SimTime since{};
    std::uint32_t active = 0;
    bool cut = false;  // any of the overlapping faults cut the link
  };
  std::vector<LinkFaultSpan> link_faults_;
  std::vector<SimTime> dataset_down_since_;
  std::vector<char> dataset_down_;
  int dataset_tid(DatasetIndex d) const;
  void close_link_fault(std::uint32_t link, SimTime now);
  std::uint64_t next_transfer_id_ = 0;
  bool first_ = true;
};

}  // namespace meridian
