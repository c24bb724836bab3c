#pragma once
// timeseries.csv: one row per sampling instant and region; links.csv beside it: one row per
// sampling instant and link direction (written only when the scenario has links).

#include <memory>
#include <string>
#include <vector>

#include "meridian/metrics/observer.hpp"
#include "metrics/atomic_file.hpp"
#include "world/model.hpp"

namespace meridian {

class TimeseriesWriter final : public Observer {
 public:
  TimeseriesWriter(const Model& model, const std::string& path, const std::string& links_path);
  void on_sample(SimTime now, std::span<const RegionSample> regions) override;
  void on_link_sample(SimTime now, std::span<const ChannelSample> channels) override;
  /// Moves the files into place; returns the paths written.
  std::vector<std::string> commit();

 private:
  const Model& model_;
  AtomicFile file_;
  std::unique_ptr<AtomicFile> links_file_;  // only with links
  std::string path_, links_path_;
};

}  // namespace meridian
