#include "compare/runner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
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
  const std::size_t threads = std::min(effective_jobs(jobs), std::max<std::size_t>(total, 1));
  std::vector<std::vector<MetricValue>> results(total);
  std::vector<std::exception_ptr> errors(total);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};

  // What each worker's current run publishes, for the progress line. `horizon_s` is 0 while the
  // worker has no run; both it and the counters change only under report_mutex.
  struct Slot {
    LiveProgress live;
    double horizon_s = 0.0;
  };
  const std::unique_ptr<Slot[]> slots(new Slot[threads]);
  std::mutex report_mutex;
  std::size_t done = 0;
  std::uint64_t finished_events = 0;
  const auto report = [&] {  // with report_mutex held
    Progress p;
    p.done = done;
    p.total = total;
    p.events = finished_events;
    for (std::size_t w = 0; w < threads; ++w) {
      if (slots[w].horizon_s <= 0.0) continue;
      p.events += slots[w].live.events.load(std::memory_order_relaxed);
      p.in_flight.emplace_back(static_cast<double>(slots[w].live.simulated_ns.load(std::memory_order_relaxed)) * 1e-9,
                               slots[w].horizon_s);
    }
    progress(p);
  };

  const auto worker = [&](std::size_t w) {
    Slot& slot = slots[w];
    while (!failed.load()) {
      const std::size_t at = next.fetch_add(1);
      if (at >= total) return;
      const std::size_t index = indices[at];
      const Model& model = models[index / replications];
      RunRequest request = replication_request(index % replications);
      if (progress) {
        const std::lock_guard lock(report_mutex);
        slot.live.events.store(0, std::memory_order_relaxed);
        slot.live.simulated_ns.store(0, std::memory_order_relaxed);
        slot.horizon_s = std::max(1e-9, to_seconds(model.horizon));
        request.engine.live = &slot.live;
      }
      std::uint64_t events = 0;
      try {
        // Runs share their variant's Model: the engine only reads it, and nothing in it caches.
        const RunResult run = run_simulation(model, request);
        events = run.stats.events;
        results[at] = flatten_metrics(run.summary);
      } catch (...) {
        errors[at] = std::current_exception();
        failed.store(true);
      }
      const std::lock_guard lock(report_mutex);
      ++done;
      finished_events += events;
      slot.horizon_s = 0.0;
      if (progress) report();
    }
  };

  // While runs go on, a ticker refreshes the progress line between finished runs.
  std::mutex ticker_mutex;
  std::condition_variable ticker_wake;
  bool stop_ticker = false;
  std::thread ticker;
  if (progress)
    ticker = std::thread([&] {
      std::unique_lock lock(ticker_mutex);
      while (!ticker_wake.wait_for(lock, std::chrono::milliseconds(500), [&] { return stop_ticker; })) {
        const std::lock_guard report_lock(report_mutex);
        report();
      }
    });

  if (threads <= 1) {
    worker(0);  // no thread for --jobs 1: simpler to debug, and identical by construction
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker, t);
    for (auto& thread : pool) thread.join();
  }
  if (ticker.joinable()) {
    {
      const std::lock_guard lock(ticker_mutex);
      stop_ticker = true;
    }
    ticker_wake.notify_one();
    ticker.join();
  }

  RunOutcomes outcomes;
  for (std::size_t at = 0; at < total; ++at)
    if (errors[at]) {
      outcomes.error = errors[at];
      outcomes.failed_index = indices[at];
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
