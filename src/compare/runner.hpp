#pragma once
// Runs every (variant, replication) pair of a comparison on a pool of threads. Results are
// stored by index, so they are the same whatever the number of threads or the order in which
// runs finish.

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "compare/metrics_flatten.hpp"
#include "run/simulation.hpp"
#include "world/model.hpp"

namespace meridian::compare {

/// The request for replication `replication` of any variant: the same index in every variant,
/// so all variants draw the same random numbers (common random numbers); no progress output.
/// Writes the run's files into `output_dir` when it is not empty.
RunRequest replication_request(std::size_t replication, const std::string& output_dir = "");

/// Where a comparison has got, for its progress line.
struct Progress {
  std::size_t done = 0;      ///< runs finished
  std::size_t total = 0;     ///< runs asked for
  std::uint64_t events = 0;  ///< events processed by the finished runs and, so far, by those in flight
  /// Per run in flight (in worker order): simulated seconds reached and the run's horizon.
  std::vector<std::pair<double, double>> in_flight;
};

/// Called after each finished run and, while runs go on, about twice a second (serialised:
/// never from two threads at once). Only reads what the runs publish: no effect on results.
using ProgressFn = std::function<void(const Progress& progress)>;

/// What run_indices did: each run's metrics, or the first failure.
struct RunOutcomes {
  std::vector<std::vector<MetricValue>> metrics;  ///< one entry per index asked for, in that order
  std::exception_ptr error;                       ///< the exception of the first failed index, if any
  std::size_t failed_index = 0;                   ///< that index, when `error` is set
};

/// Runs the runs at `indices` (each variant * replications + replication, increasing) on `jobs`
/// threads (0: one per hardware thread). A run that throws stops the pool taking new runs; its
/// exception is returned, not thrown, so that a caller can report it elsewhere (MPI rank 0).
RunOutcomes run_indices(const std::vector<Model>& models, std::size_t replications,
                        const std::vector<std::size_t>& indices, std::size_t jobs, const ProgressFn& progress = {});

/// Runs replications 0..replications-1 of every model on `jobs` threads (0: one per hardware
/// thread) and returns each run's metrics at index variant * replications + replication.
/// If runs throw, the exception of the lowest index is rethrown once the pool has stopped.
std::vector<std::vector<MetricValue>> run_all(const std::vector<Model>& models, std::size_t replications,
                                              std::size_t jobs, const ProgressFn& progress = {});

/// `jobs`, or the number of hardware threads when it is 0 (at least 1).
std::size_t effective_jobs(std::size_t jobs);

}  // namespace meridian::compare
