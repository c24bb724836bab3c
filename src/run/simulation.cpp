#include "run/simulation.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>

#include "metrics/atomic_file.hpp"
#include "metrics/chrome_trace_writer.hpp"
#include "metrics/summary_recorder.hpp"
#include "metrics/tasks_writer.hpp"
#include "metrics/timeseries_writer.hpp"
#include "report/report.hpp"

namespace meridian {

namespace {
nlohmann::ordered_json describe(const PolicySelection& selection) {
  // A policy without parameters is written as its name, like in the scenario.
  nlohmann::ordered_json params = nlohmann::ordered_json::object();
  for (const auto& p : selection.entry->params) params[std::string(p.name)] = selection.params.text(p.name);
  if (params.empty()) return std::string(selection.entry->name);
  nlohmann::ordered_json out = {{"name", std::string(selection.entry->name)}};
  out.update(params);
  return out;
}
}  // namespace

nlohmann::ordered_json describe_policies(const Model& model) {
  return {{"scheduler", describe(model.scheduler)},
          {"load_balancer", describe(model.load_balancer)},
          {"queue", describe(model.queue)},
          {"replication", describe(model.replication)},
          {"residency", model.residency_enforce ? "enforce" : "audit"}};
}

RunResult run_simulation(const Model& model, const RunRequest& request) {
  namespace fs = std::filesystem;
  const bool writing = !request.output_dir.empty();
  if (writing) fs::create_directories(request.output_dir);
  const auto path = [&](const char* name) { return (fs::path(request.output_dir) / name).string(); };

  Engine engine(model, request.engine);
  SummaryRecorder summary(model);
  engine.add_observer(&summary);
  std::unique_ptr<TimeseriesWriter> timeseries;
  std::unique_ptr<TasksWriter> tasks;
  std::unique_ptr<ChromeTraceWriter> trace;
  if (writing && model.outputs.timeseries) {
    timeseries = std::make_unique<TimeseriesWriter>(model, path("timeseries.csv"), path("links.csv"));
    engine.add_observer(timeseries.get());
  }
  if (writing && model.outputs.tasks) {
    tasks = std::make_unique<TasksWriter>(model, path("tasks.csv"));
    engine.add_observer(tasks.get());
  }
  if (writing && model.outputs.trace) {
    trace = std::make_unique<ChromeTraceWriter>(model, path("trace.json"));
    engine.add_observer(trace.get());
  }

  RunResult result;
  result.stats = engine.run();
  result.summary = summary.to_json(engine, result.stats, describe_policies(model));
  if (!writing) return result;

  // Everything is complete now: move each file into place.
  if (timeseries)
    for (std::string& file : timeseries->commit()) result.files.push_back(std::move(file));
  if (tasks) {
    tasks->commit();
    result.files.push_back(path("tasks.csv"));
  }
  if (trace) {
    trace->commit(result.stats.end);
    result.files.push_back(path("trace.json"));
  }
  // The report reads summary.json, so it is written whenever the report is asked for.
  if (model.outputs.summary || model.outputs.report) {
    write_file_atomically(path("summary.json"), result.summary.dump(2) + "\n");
    result.files.push_back(path("summary.json"));
  }
  // Outputs of an earlier run into this folder that this run does not replace would be taken
  // for its own, by a reader and by the report (which reads tasks.csv and timeseries.csv when
  // present): remove them.
  for (const char* name : {"summary.json", "timeseries.csv", "links.csv", "tasks.csv", "trace.json", "report.html"}) {
    const std::string file = path(name);
    const bool ours = std::find(result.files.begin(), result.files.end(), file) != result.files.end();
    if (!ours && !(model.outputs.report && std::string_view(name) == "report.html")) {
      std::error_code ignored;
      fs::remove(file, ignored);
    }
  }
  if (model.outputs.report) {
    write_report(request.output_dir);
    result.files.push_back(path("report.html"));
  }
  return result;
}

}  // namespace meridian
