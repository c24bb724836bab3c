#include "metrics/timeseries_writer.hpp"

#include <cmath>

#include "metrics/format.hpp"

namespace meridian {

TimeseriesWriter::TimeseriesWriter(const Model& model, const std::string& path) : model_(model), file_(path) {
  std::string header = "t,time,region,up";
  for (const auto& name : model_.resource_names) header += ",util_" + name;
  header += ",queued,running,arrivals,power_kw,cost_per_h,carbon_g_per_h\n";
  std::fputs(header.c_str(), file_.handle());
}

void TimeseriesWriter::on_sample(SimTime now, std::span<const RegionSample> regions) {
  const double t = to_seconds(now);
  const std::string time = format_utc(model_.start_unix_seconds + static_cast<std::int64_t>(std::floor(t)));
  std::FILE* out = file_.handle();
  for (const RegionSample& s : regions) {
    const RegionInfo& info = model_.regions[s.region];
    fmt::print(out, "{:.3f},{},{},{}", t, time, info.id, s.load->up ? 1 : 0);
    for (std::size_t k = 0; k < model_.resource_names.size(); ++k) {
      const auto capacity = info.capacity[k];
      fmt::print(out, ",{:.4f}", capacity ? static_cast<double>(s.load->allocated[k]) / static_cast<double>(capacity) : 0.0);
    }
    fmt::print(out, ",{},{},{},{:.3f},{:.2f},{:.1f}\n", s.load->queued_tasks, s.load->running_tasks, s.arrivals,
               s.power_kw, s.cost_per_h, s.carbon_g_per_h);
  }
}

}  // namespace meridian
