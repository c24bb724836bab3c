#pragma once
// timeseries.csv: one row per sampling instant and region.

#include "meridian/metrics/observer.hpp"
#include "metrics/atomic_file.hpp"
#include "world/model.hpp"

namespace meridian {

class TimeseriesWriter final : public Observer {
 public:
  TimeseriesWriter(const Model& model, const std::string& path);
  void on_sample(SimTime now, std::span<const RegionSample> regions) override;
  void commit() { file_.commit(); }

 private:
  const Model& model_;
  AtomicFile file_;
};

}  // namespace meridian
