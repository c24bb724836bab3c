#pragma once
// What the periodic backup policies (full, incremental, differential) share: copies, period,
// restore rate, and when a full backup is due. Each policy differs only in what a non-full
// backup holds.
#include <cstdint>

#include "copy_schedule.hpp"
#include "meridian/core/params.hpp"
#include "meridian/policy/replication.hpp"

namespace meridian::policy {

class BackupPolicy : public ReplicationPolicy {
 public:
  explicit BackupPolicy(const PolicyParams& params)
      : schedule_(params), restore_bps_(params.bandwidth_bps("restore_rate")) {
    if (restore_bps_ <= 0.0) throw InputError(params.raw("restore_rate").where, "parameter 'restore_rate' must be positive");
  }
  std::uint32_t copies() const override { return schedule_.copies; }
  CopyKind kind() const override { return CopyKind::Backup; }
  SimDuration every() const override { return schedule_.every; }
  double restore_bps() const override { return restore_bps_; }

 private:
  CopySchedule schedule_;
  double restore_bps_;
};

/// For incremental and differential: a full backup once `full_every` has passed since the last.
inline bool full_due(const CopyHistory& h, SimDuration full_every) { return h.now - h.last_full >= full_every; }

}  // namespace meridian::policy
