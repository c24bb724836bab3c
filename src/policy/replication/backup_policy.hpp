#pragma once
// What the periodic backup policies (full, incremental, differential) share: copies, period,
// restore rate, and when a full backup is due. Each policy differs only in what a non-full
// backup holds.
#include <cstdint>

#include "meridian/core/params.hpp"
#include "meridian/policy/replication.hpp"

namespace meridian::policy {

class BackupPolicy : public ReplicationPolicy {
 public:
  explicit BackupPolicy(const PolicyParams& params)
      : copies_(static_cast<std::uint32_t>(params.integer("copies"))),
        every_(params.duration("every")),
        restore_bps_(params.bandwidth_bps("restore_rate")) {
    if (params.integer("copies") < 0)
      throw InputError(params.raw("copies").where, "parameter 'copies' must not be negative");
    if (every_ <= SimDuration::zero()) throw InputError(params.raw("every").where, "parameter 'every' must be positive");
  }
  std::uint32_t copies() const override { return copies_; }
  CopyKind kind() const override { return CopyKind::Backup; }
  SimDuration every() const override { return every_; }
  double restore_bps() const override { return restore_bps_; }

 private:
  std::uint32_t copies_;
  SimDuration every_;
  double restore_bps_;
};

/// For incremental and differential: a full backup once `full_every` has passed since the last.
inline bool full_due(const CopyHistory& h, SimDuration full_every) { return h.now - h.last_full >= full_every; }

}  // namespace meridian::policy
