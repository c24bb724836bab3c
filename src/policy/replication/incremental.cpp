// `incremental`: every `every`, what changed since the last backup of any kind; a full copy
// every `full_every`. Small shipments; a restore needs the last full and every increment since.
#include <memory>

#include "backup_policy.hpp"

namespace meridian::policy {
namespace {

class IncrementalBackup final : public BackupPolicy {
 public:
  explicit IncrementalBackup(const PolicyParams& params)
      : BackupPolicy(params), full_every_(params.duration("full_every")) {}
  Shipment plan(const CopyHistory& h) const override {
    if (full_due(h, full_every_)) return {h.size_bytes, true};
    return {written_since(h, h.last_shipment), false};
  }

 private:
  SimDuration full_every_;
};

}  // namespace

std::unique_ptr<ReplicationPolicy> make_incremental_backup(const PolicyParams& params) {
  return std::make_unique<IncrementalBackup>(params);
}

}  // namespace meridian::policy
