#pragma once
// tasks.csv: one row per task, written when it ends (finished or failed). Times in seconds
// since simulated time 0; a task that never ran has empty region, start and end.

#include "meridian/metrics/observer.hpp"
#include "metrics/atomic_file.hpp"
#include "world/model.hpp"

namespace meridian {

class TasksWriter final : public Observer {
 public:
  TasksWriter(const Model& model, const std::string& path);
  void on_task_finished(const Task& task, SimTime service_end, SimTime now) override;
  void on_task_failed(const Task& task, SimTime now, FailureReason reason) override;
  void commit() { file_.commit(); }

 private:
  const Model& model_;
  AtomicFile file_;
};

}  // namespace meridian
