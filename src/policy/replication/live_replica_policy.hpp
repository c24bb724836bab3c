#pragma once
// What the live replica policies (async, sync) share: copies, period, and shipping the writes
// since the last shipment.
#include <cstdint>

#include "copy_schedule.hpp"
#include "meridian/core/params.hpp"
#include "meridian/policy/replication.hpp"

namespace meridian::policy {

class LiveReplicaPolicy : public ReplicationPolicy {
 public:
  explicit LiveReplicaPolicy(const PolicyParams& params) : schedule_(params) {}
  std::uint32_t copies() const override { return schedule_.copies; }
  CopyKind kind() const override { return CopyKind::Live; }
  SimDuration every() const override { return schedule_.every; }
  Shipment plan(const CopyHistory& h) const override { return {written_since(h, h.last_shipment), false}; }

 private:
  CopySchedule schedule_;
};

}  // namespace meridian::policy
