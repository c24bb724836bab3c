// `differential`: every `every`, what changed since the last full backup; a full copy every
// `full_every`. Shipments grow through the cycle; a restore needs only the full and the last one.
#include <memory>

#include "backup_policy.hpp"

namespace meridian::policy {
namespace {

class DifferentialBackup final : public BackupPolicy {
 public:
  explicit DifferentialBackup(const PolicyParams& params)
      : BackupPolicy(params), full_every_(params.duration("full_every")) {}
  Shipment plan(const CopyHistory& h) const override {
    if (full_due(h, full_every_)) return {h.size_bytes, true};
    return {written_since(h, h.last_full), false};
  }

 private:
  SimDuration full_every_;
};

}  // namespace

std::unique_ptr<ReplicationPolicy> make_differential_backup(const PolicyParams& params) {
  return std::make_unique<DifferentialBackup>(params);
}

}  // namespace meridian::policy
