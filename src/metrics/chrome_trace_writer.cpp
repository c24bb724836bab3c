#include "metrics/chrome_trace_writer.hpp"

#include "metrics/format.hpp"

namespace meridian {

namespace {
// Process ids: regions are 1..R, then the outage and transfer processes.
int region_pid(RegionIndex r) { return static_cast<int>(r) + 1; }
double micros(SimTime t) { return to_seconds(t) * 1e6; }
}  // namespace

ChromeTraceWriter::ChromeTraceWriter(const Model& model, const std::string& path)
    : model_(model),
      file_(path),
      down_since_(model.regions.size()),
      down_(model.regions.size(), 0),
      link_faults_(model.links.size()),
      dataset_down_since_(model.datasets.size()),
      dataset_down_(model.datasets.size(), 0) {
  std::FILE* out = file_.handle();
  std::fputs("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n", out);
  const int outages_pid = static_cast<int>(model_.regions.size()) + 1;
  const int transfers_pid = outages_pid + 1;
  for (RegionIndex r = 0; r < model_.regions.size(); ++r) {
    fmt::print(out, "{}{{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":{},\"args\":{{\"name\":\"region {}\"}}}}\n",
               first_ ? "" : ",", region_pid(r), model_.regions[r].id);
    first_ = false;
    fmt::print(out, ",{{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":{},\"tid\":{},\"args\":{{\"name\":\"{}\"}}}}\n",
               outages_pid, r + 1, model_.regions[r].id);
  }
  // Link faults share the outage process, one thread per link after the regions'.
  for (std::uint32_t l = 0; l < model_.links.size(); ++l)
    fmt::print(out, ",{{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":{},\"tid\":{},\"args\":{{\"name\":\"link {}-{}\"}}}}\n",
               outages_pid, model_.regions.size() + 1 + l, model_.regions[model_.links[l].a].id,
               model_.regions[model_.links[l].b].id);
  // Then one thread per dataset, for the times its data was not served.
  for (DatasetIndex d = 0; d < model_.datasets.size(); ++d)
    fmt::print(out, ",{{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":{},\"tid\":{},\"args\":{{\"name\":\"dataset {}\"}}}}\n",
               outages_pid, dataset_tid(d), model_.datasets[d].id);
  fmt::print(out, ",{{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":{},\"args\":{{\"name\":\"outages\"}}}}\n",
             outages_pid);
  fmt::print(out, ",{{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":{},\"args\":{{\"name\":\"transfers\"}}}}\n",
             transfers_pid);
}

void ChromeTraceWriter::slice(int pid, std::uint64_t id, const std::string& name, const char* category, SimTime begin,
                              SimTime end, const std::string& args) {
  std::FILE* out = file_.handle();
  fmt::print(out, ",{{\"ph\":\"b\",\"cat\":\"{}\",\"name\":\"{}\",\"id\":{},\"pid\":{},\"tid\":1,\"ts\":{:.3f},\"args\":{{{}}}}}\n",
             category, name, id, pid, micros(begin), args);
  fmt::print(out, ",{{\"ph\":\"e\",\"cat\":\"{}\",\"name\":\"{}\",\"id\":{},\"pid\":{},\"tid\":1,\"ts\":{:.3f}}}\n",
             category, name, id, pid, micros(end));
}

void ChromeTraceWriter::on_task_interrupted(const Task& task, SimTime now, SimDuration lost) {
  slice(region_pid(task.region), task.id, model_.workloads[task.workload].id + " (interrupted)", "task", task.start, now,
        fmt::format("\"task\":{},\"lost_s\":{:.3f}", task.id, to_seconds(lost)));
}

void ChromeTraceWriter::on_task_finished(const Task& task, SimTime service_end, SimTime) {
  slice(region_pid(task.region), task.id, model_.workloads[task.workload].id, "task", task.start, service_end,
        fmt::format("\"task\":{},\"origin\":\"{}\",\"restarts\":{}", task.id, model_.regions[task.origin].id,
                    task.restarts));
}

void ChromeTraceWriter::on_transfer(RegionIndex from, RegionIndex to, double bytes, SimTime begin, SimTime end) {
  const int transfers_pid = static_cast<int>(model_.regions.size()) + 2;
  slice(transfers_pid, next_transfer_id_++, model_.regions[from].id + " -> " + model_.regions[to].id, "transfer", begin,
        end, fmt::format("\"bytes\":{:.0f}", bytes));
}

void ChromeTraceWriter::on_region_down(RegionIndex region, SimTime now) {
  down_since_[region] = now;
  down_[region] = 1;
}

void ChromeTraceWriter::on_region_up(RegionIndex region, SimTime now) {
  const int outages_pid = static_cast<int>(model_.regions.size()) + 1;
  fmt::print(file_.handle(),
             ",{{\"ph\":\"X\",\"cat\":\"outage\",\"name\":\"{} down\",\"pid\":{},\"tid\":{},\"ts\":{:.3f},\"dur\":{:.3f}}}\n",
             model_.regions[region].id, outages_pid, region + 1, micros(down_since_[region]),
             micros(now) - micros(down_since_[region]));
  down_[region] = 0;
}

// A partial loss is a counter on the region's track: units out of service over time.
void ChromeTraceWriter::on_capacity_change(RegionIndex region, std::size_t resource, std::int64_t out_of_service,
                                           SimTime now) {
  fmt::print(file_.handle(),
             ",{{\"ph\":\"C\",\"name\":\"{} out of service\",\"pid\":{},\"ts\":{:.3f},\"args\":{{\"units\":{}}}}}\n",
             model_.resource_names[resource], region_pid(region), micros(now), out_of_service);
}

void ChromeTraceWriter::on_link_fault(std::uint32_t link, SimTime now, bool begins, bool cut) {
  LinkFaultSpan& span = link_faults_[link];
  if (begins) {
    if (span.active++ == 0) {
      span.since = now;
      span.cut = false;
    }
    span.cut = span.cut || cut;
  } else if (--span.active == 0) {
    close_link_fault(link, now);
  }
}

void ChromeTraceWriter::close_link_fault(std::uint32_t link, SimTime now) {
  const LinkFaultSpan& span = link_faults_[link];
  const LinkModel& l = model_.links[link];
  fmt::print(file_.handle(),
             ",{{\"ph\":\"X\",\"cat\":\"link-fault\",\"name\":\"{}-{} {}\",\"pid\":{},\"tid\":{},\"ts\":{:.3f},\"dur\":{:.3f}}}\n",
             model_.regions[l.a].id, model_.regions[l.b].id, span.cut ? "cut" : "degraded", model_.regions.size() + 1,
             model_.regions.size() + 1 + link, micros(span.since), micros(now) - micros(span.since));
}

int ChromeTraceWriter::dataset_tid(DatasetIndex d) const {
  return static_cast<int>(model_.regions.size() + model_.links.size() + 1 + d);
}

void ChromeTraceWriter::on_dataset_unavailable(DatasetIndex dataset, SimTime now) {
  dataset_down_since_[dataset] = now;
  dataset_down_[dataset] = 1;
}

void ChromeTraceWriter::on_dataset_available(DatasetIndex dataset, SimTime now) {
  fmt::print(file_.handle(),
             ",{{\"ph\":\"X\",\"cat\":\"data-outage\",\"name\":\"{} unavailable\",\"pid\":{},\"tid\":{},\"ts\":{:.3f},\"dur\":{:.3f}}}\n",
             model_.datasets[dataset].id, model_.regions.size() + 1, dataset_tid(dataset),
             micros(dataset_down_since_[dataset]), micros(now) - micros(dataset_down_since_[dataset]));
  dataset_down_[dataset] = 0;
}

void ChromeTraceWriter::commit(SimTime end) {
  for (DatasetIndex d = 0; d < dataset_down_.size(); ++d)
    if (dataset_down_[d]) on_dataset_available(d, end);
  for (RegionIndex r = 0; r < down_.size(); ++r)
    if (down_[r]) on_region_up(r, end);
  for (std::uint32_t l = 0; l < link_faults_.size(); ++l)
    if (link_faults_[l].active > 0) close_link_fault(l, end);
  std::fputs("]}\n", file_.handle());
  file_.commit();
}

}  // namespace meridian
