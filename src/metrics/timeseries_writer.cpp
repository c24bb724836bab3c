#include "metrics/timeseries_writer.hpp"

#include <cmath>

#include "metrics/format.hpp"

namespace meridian {

TimeseriesWriter::TimeseriesWriter(const Model& model, const std::string& path, const std::string& links_path)
    : model_(model), file_(path), path_(path), links_path_(links_path) {
  std::string header = "t,time,region,up";
  for (const auto& name : model_.resource_names) header += ",util_" + name;
  header += ",queued,running,arrivals,power_kw,cost_per_h,carbon_g_per_h\n";
  std::fputs(header.c_str(), file_.handle());
  if (!model_.links.empty()) {
    links_file_ = std::make_unique<AtomicFile>(links_path);
    std::fputs("t,time,link,from,to,bandwidth_gbps,load_gbps,utilization,flows,gb\n", links_file_->handle());
  }
}

std::vector<std::string> TimeseriesWriter::commit() {
  file_.commit();
  if (!links_file_) return {path_};
  links_file_->commit();
  return {path_, links_path_};
}

void TimeseriesWriter::on_link_sample(SimTime now, std::span<const ChannelSample> channels) {
  if (!links_file_) return;
  const double t = to_seconds(now);
  const std::string time = format_utc(model_.start_unix_seconds + static_cast<std::int64_t>(std::floor(t)));
  for (const ChannelSample& c : channels) {
    // Utilization against the bandwidth the link has now: a cut link (0) reads 0.
    const bool limited = std::isfinite(c.bandwidth_bps);
    fmt::print(links_file_->handle(), "{:.3f},{},{},{},{},{},{:.4f},{:.4f},{},{:.4f}\n", t, time, c.link,
               model_.regions[c.from].id, model_.regions[c.to].id,
               limited ? fmt::format("{:.4f}", c.bandwidth_bps / 1e9) : std::string{}, c.load_bps / 1e9,
               limited && c.bandwidth_bps > 0 ? c.load_bps / c.bandwidth_bps : 0.0, c.flows, c.bytes / 1e9);
  }
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
