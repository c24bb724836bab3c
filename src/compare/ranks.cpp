#include "compare/ranks.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string_view>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "compare/mpi_runner.hpp"

namespace meridian::compare {

namespace {

// How many ranks the launcher started, read from its environment: MPI_Init itself must not be
// the way to find out, since outside a launcher it would start a one-rank MPI "singleton".
// Empty: not started by a launcher; 0: started by one that does not say how many (PMIx alone).
std::optional<int> launcher_ranks() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    if (const char* value = std::getenv(name)) return std::atoi(value);
  if (std::getenv("PMIX_RANK")) return 0;
  return std::nullopt;
}

}  // namespace

std::unique_ptr<RankGroup> join_ranks() {
  const std::optional<int> ranks = launcher_ranks();
  if (!ranks || *ranks == 1) return nullptr;  // alone: the thread pool does everything
#if MERIDIAN_HAVE_MPI
  return join_mpi_world();
#else
  if (*ranks == 0) return nullptr;  // cannot tell without MPI: run alone
  throw std::runtime_error(
      fmt::format("started as one of {} MPI ranks, but this meridian was built without MPI (install libopenmpi-dev "
                  "and rebuild); without mpirun, compare runs on --jobs threads",
                  *ranks));
#endif
}

std::vector<std::size_t> rank_share(std::size_t total_runs, int rank, int size) {
  // Round robin over the run index (variant * replications + replication): each rank gets
  // replications of every variant, so variants that simulate more slowly are spread evenly.
  std::vector<std::size_t> share;
  for (std::size_t i = static_cast<std::size_t>(rank); i < total_runs; i += static_cast<std::size_t>(size))
    share.push_back(i);
  return share;
}

RankPart run_share(const RankGroup& group, const std::vector<Model>& models, std::size_t replications, std::size_t jobs,
                   const ProgressFn& progress, const DescribeFn& describe) {
  RankPart part;
  part.total_runs = models.size() * replications;
  RunOutcomes outcomes =
      run_indices(models, replications, rank_share(part.total_runs, group.rank(), group.size()), jobs, progress);
  if (outcomes.error) {
    part.failure = describe(outcomes.error);
    part.failed_run = outcomes.failed_index;
  } else {
    part.runs = std::move(outcomes.metrics);
  }
  return part;
}

std::vector<std::uint8_t> encode_part(const RankPart& part) {
  nlohmann::json doc;
  doc["host"] = part.host;
  doc["total_runs"] = part.total_runs;
  doc["runs"] = part.runs;  // each run a list of [path, value] pairs
  doc["failure"] = part.failure
                       ? nlohmann::json{{"exit_code", part.failure->exit_code}, {"message", part.failure->message}}
                       : nlohmann::json(nullptr);
  doc["failed_run"] = part.failed_run ? nlohmann::json(*part.failed_run) : nlohmann::json(nullptr);
  return nlohmann::json::to_cbor(doc);
}

RankPart decode_part(const std::vector<std::uint8_t>& bytes) {
  const nlohmann::json doc = nlohmann::json::from_cbor(bytes);
  RankPart part;
  part.host = doc.at("host").get<std::string>();
  part.total_runs = doc.at("total_runs").get<std::size_t>();
  part.runs = doc.at("runs").get<std::vector<std::vector<MetricValue>>>();
  if (const auto& failure = doc.at("failure"); !failure.is_null())
    part.failure = Failure{failure.at("exit_code").get<int>(), failure.at("message").get<std::string>()};
  if (const auto& run = doc.at("failed_run"); !run.is_null()) part.failed_run = run.get<std::size_t>();
  return part;
}

Gathered merge_parts(std::vector<RankPart> parts) {
  // The failure to report is the one a single process would have hit first, so that the message
  // does not depend on the number of ranks: a failure before any run (the scenario does not load
  // on that rank) before one in a run, then the lowest run index, then the lowest rank.
  const RankPart* first = nullptr;
  int first_rank = 0;
  const auto order = [](const RankPart& p) {
    return std::make_tuple(p.failed_run.has_value(), p.failed_run.value_or(0));
  };
  for (std::size_t r = 0; r < parts.size(); ++r)
    if (parts[r].failure && (!first || order(parts[r]) < order(*first))) {
      first = &parts[r];
      first_rank = static_cast<int>(r);
    }
  Gathered gathered;
  if (first) {
    gathered.failure = *first->failure;
    // Rank 0's own failure reads as it would without MPI; another rank's says where it happened
    // (a file missing on one node of a cluster fails only there).
    if (first_rank != 0)
      gathered.failure->message =
          fmt::format("meridian compare: rank {} ({}) failed:\n{}", first_rank, first->host, first->failure->message);
    return gathered;
  }

  const std::size_t total = parts.empty() ? 0 : parts.front().total_runs;
  for (std::size_t r = 0; r < parts.size(); ++r)
    if (parts[r].total_runs != total)
      throw std::runtime_error(
          fmt::format("rank {} has {} runs to do and rank 0 has {}: start every rank with the same arguments", r,
                      parts[r].total_runs, total));
  gathered.runs.resize(total);
  const int size = static_cast<int>(parts.size());
  for (int r = 0; r < size; ++r) {
    const std::vector<std::size_t> share = rank_share(total, r, size);
    if (parts[r].runs.size() != share.size())
      throw std::logic_error(fmt::format("rank {} sent {} runs instead of {}", r, parts[r].runs.size(), share.size()));
    for (std::size_t k = 0; k < share.size(); ++k) gathered.runs[share[k]] = std::move(parts[r].runs[k]);
  }
  return gathered;
}

}  // namespace meridian::compare
