#pragma once
// A comparison spread over the ranks of an MPI job (mpirun, srun): which rank does which runs,
// what each rank sends to rank 0, and how rank 0 puts the parts back together. Nothing here
// calls MPI: the transport hides behind RankGroup (compare/mpi_runner.cpp, built only when CMake
// finds MPI), so the rest compiles, and is tested, without it.

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compare/runner.hpp"

namespace meridian::compare {

/// A failure as the user sees it: the exit code and the text printed on stderr.
struct Failure {
  int exit_code = 0;
  std::string message;
};

/// Turns an exception into its Failure (the command line's mapping of errors to exit codes).
using DescribeFn = std::function<Failure(std::exception_ptr)>;

/// One rank's contribution to a comparison: its runs, or why it has none.
struct RankPart {
  std::string host;                            ///< where the rank ran, to locate a failure
  std::size_t total_runs = 0;                  ///< runs in the whole comparison, as this rank counted them
  std::vector<std::vector<MetricValue>> runs;  ///< this rank's share (rank_share), in index order
  std::optional<Failure> failure;              ///< set when the rank failed
  std::optional<std::size_t> failed_run;       ///< the run that failed; empty: failed before running
};

/// The runs of a comparison, or the one failure to report instead.
struct Gathered {
  std::vector<std::vector<MetricValue>> runs;  ///< every run's metrics, in index order
  std::optional<Failure> failure;
};

/// This process's place among the ranks of an MPI job. Only the thread that joined calls it.
class RankGroup {
 public:
  virtual ~RankGroup() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  bool is_root() const { return rank() == 0; }
  /// Collective: every rank passes its part; rank 0 gets every rank's part, in rank order, and
  /// the other ranks an empty list.
  virtual std::vector<RankPart> gather(RankPart mine) = 0;
  /// Collective, and the last call: every rank returns rank 0's `exit_code`.
  virtual int agree_exit_code(int exit_code) = 0;
};

/// When the launcher's environment says that this process is one of several MPI ranks
/// (OMPI_COMM_WORLD_SIZE from mpirun, PMI_SIZE from Slurm or MPICH, PMIX_RANK from PMIx),
/// initializes MPI and returns this rank's group. Otherwise nullptr, and MPI is never
/// initialized: a plain `meridian` does not look for a launcher.
std::unique_ptr<RankGroup> join_ranks();

/// The indices of the runs that `rank` of `size` does: rank, rank + size, rank + 2 size...
std::vector<std::size_t> rank_share(std::size_t total_runs, int rank, int size);

/// Runs this rank's share of the runs of `models` (see run_indices) and packs the outcome; a run
/// that throws becomes the part's failure, described by `describe`.
RankPart run_share(const RankGroup& group, const std::vector<Model>& models, std::size_t replications, std::size_t jobs,
                   const ProgressFn& progress, const DescribeFn& describe);

/// A part as the bytes a rank sends (CBOR: compact, and it keeps every double, where JSON text
/// would turn infinities and NaN into null), and back.
std::vector<std::uint8_t> encode_part(const RankPart& part);
RankPart decode_part(const std::vector<std::uint8_t>& bytes);

/// Rank 0's merge of every rank's part: all runs in index order, or the failure a single
/// process would have reported (one before the runs first, then that of the lowest run index;
/// a rank other than 0 is named in it). Throws std::runtime_error when the ranks disagree on the
/// comparison (they were started with different arguments).
Gathered merge_parts(std::vector<RankPart> parts);

}  // namespace meridian::compare
