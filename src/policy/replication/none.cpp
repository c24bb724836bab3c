// `none`: no copies. A dataset in a failed region is unavailable until the region returns,
// and its recovery point is the beginning: had the region been lost, so were all its writes.
#include <memory>

#include "meridian/core/params.hpp"
#include "meridian/policy/replication.hpp"

namespace meridian::policy {
namespace {

class NoReplication final : public ReplicationPolicy {
 public:
  std::uint32_t copies() const override { return 0; }
  CopyKind kind() const override { return CopyKind::Backup; }
  SimDuration every() const override { return SimDuration::zero(); }
  Shipment plan(const CopyHistory&) const override { return {}; }
};

}  // namespace

std::unique_ptr<ReplicationPolicy> make_no_replication(const PolicyParams&) {
  return std::make_unique<NoReplication>();
}

}  // namespace meridian::policy
