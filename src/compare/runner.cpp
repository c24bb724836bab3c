#include "compare/runner.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <numeric>
#include <thread>

namespace meridian::compare {

RunRequest replication_request(std::size_t replication, const std::string& output_dir) {
  RunRequest request;
  request.output_dir = output_dir;
  request.engine.replication = replication;
  request.engine.progress = false;  // the pool reports progress for all runs together
  return request;
}

std::size_t effective_jobs(std::size_t jobs) {
  if (jobs > 0) return jobs;
  return std::max(1u, std::thread::hardware_concurrency());
}

RunOutcomes run_indices(const std::vector<Model>& models, std::size_t replications,
                        const std::vector<std::size_t>& indices, std::size_t jobs, const ProgressFn& progress) {
  const std::size_t total = indices.size();
  std::vector<std::vector<MetricValue>> results(total);
  std::vector<std::exception_ptr> errors(total);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex report_mutex;
  std::size_t done = 0;

  const auto worker = [&] {
    while (!failed.load()) {
      const std::size_t slot = next.fetch_add(1);
      if (slot >= total) return;
      const std::size_t index = indices[slot];
      try {
        // Runs share their variant's Model: the engine only reads it, and nothing in it caches.
        const RunResult run = run_simulation(models[index / replications], replication_request(index % replications));
        results[slot] = flatten_metrics(run.summary);
      } catch (...) {
        errors[slot] = std::current_exception();
        failed.store(true);
      }
      const std::lock_guard lock(report_mutex);
      ++done;
      if (progress) progress(done, total);
    }
  };

  const std::size_t threads = std::min(effective_jobs(jobs), std::max<std::size_t>(total, 1));
  if (threads <= 1) {
    worker();  // no thread for --jobs 1: simpler to debug, and identical by construction
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& thread : pool) thread.join();
  }
  RunOutcomes outcomes;
  for (std::size_t slot = 0; slot < total; ++slot)
    if (errors[slot]) {
      outcomes.error = errors[slot];
      outcomes.failed_index = indices[slot];
      return outcomes;
    }
  outcomes.metrics = std::move(results);
  return outcomes;
}

std::vector<std::vector<MetricValue>> run_all(const std::vector<Model>& models, std::size_t replications,
                                              std::size_t jobs, const ProgressFn& progress) {
  std::vector<std::size_t> indices(models.size() * replications);
  std::iota(indices.begin(), indices.end(), std::size_t{0});
  RunOutcomes outcomes = run_indices(models, replications, indices, jobs, progress);
  if (outcomes.error) std::rethrow_exception(outcomes.error);
  return std::move(outcomes.metrics);
}

}  // namespace meridian::compare
