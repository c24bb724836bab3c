// `full`: every `every`, a full copy of the dataset to each backup region.
#include <memory>

#include "backup_policy.hpp"

namespace meridian::policy {
namespace {

class FullBackup final : public BackupPolicy {
 public:
  using BackupPolicy::BackupPolicy;
  Shipment plan(const CopyHistory& h) const override { return {h.size_bytes, true}; }
};

}  // namespace

std::unique_ptr<ReplicationPolicy> make_full_backup(const PolicyParams& params) {
  return std::make_unique<FullBackup>(params);
}

}  // namespace meridian::policy
