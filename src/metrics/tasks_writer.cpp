#include "metrics/tasks_writer.hpp"

#include "metrics/format.hpp"

namespace meridian {

TasksWriter::TasksWriter(const Model& model, const std::string& path) : model_(model), file_(path) {
  std::fputs("id,workload,origin,region,arrival,start,end,wait,response,transfer,restarts,cost,slo_met\n",
             file_.handle());
}

void TasksWriter::on_task_finished(const Task& task, SimTime, SimTime now) {
  const WorkloadModel& w = model_.workloads[task.workload];
  const SimDuration response = now - task.arrival;
  const char* slo_met = !w.slo ? "" : (response <= *w.slo ? "1" : "0");
  fmt::print(file_.handle(), "{},{},{},{},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{},{:.6f},{}\n", task.id, w.id,
             model_.regions[task.origin].id, model_.regions[task.region].id, to_seconds(task.arrival),
             to_seconds(task.first_start), to_seconds(now), to_seconds(task.waited), to_seconds(response),
             to_seconds(task.transferred), task.restarts, task.cost, slo_met);
}

void TasksWriter::on_task_failed(const Task& task, SimTime, FailureReason) {
  const WorkloadModel& w = model_.workloads[task.workload];
  fmt::print(file_.handle(), "{},{},{},,{:.6f},,,,,{:.6f},{},{:.6f},{}\n", task.id, w.id,
             model_.regions[task.origin].id, to_seconds(task.arrival), to_seconds(task.transferred), task.restarts,
             task.cost, w.slo ? "0" : "");
}

}  // namespace meridian
