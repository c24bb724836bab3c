// A comparison spread over MPI ranks, without MPI: who runs what, the bytes a rank sends, and
// how rank 0 puts the parts together (tests/cli/compare_mpi.sh runs the real thing).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>

#include "compare/ranks.hpp"

using namespace meridian::compare;

namespace {

std::vector<MetricValue> run_metrics(double value) { return {{"global.wait_s.mean", value}, {"global.cost_usd", 1.0}}; }

// Rank r's part of `total` runs where run i has wait i.
RankPart part_of(std::size_t total, int rank, int size) {
  RankPart part;
  part.host = "node" + std::to_string(rank);
  part.total_runs = total;
  for (const std::size_t i : rank_share(total, rank, size)) part.runs.push_back(run_metrics(static_cast<double>(i)));
  return part;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST_CASE("runs are dealt round robin and every run goes to exactly one rank", "[compare]") {
  CHECK(rank_share(7, 0, 3) == std::vector<std::size_t>{0, 3, 6});
  CHECK(rank_share(7, 1, 3) == std::vector<std::size_t>{1, 4});
  CHECK(rank_share(7, 2, 3) == std::vector<std::size_t>{2, 5});
  CHECK(rank_share(2, 3, 4).empty());  // more ranks than runs: the last ones idle
}

TEST_CASE("a rank's part survives encoding bit for bit, infinities included", "[compare]") {
  RankPart part;
  part.host = "node7";
  part.total_runs = 12;
  const double values[] = {0.1, 1.0 / 3.0, 5e-324, -0.0, 1e308, std::numeric_limits<double>::infinity()};
  for (const double v : values) part.runs.push_back({{"global.wait_s.mean", v}, {"regions.a.cost_usd", -v}});
  part.runs.push_back({});  // a run with no metric at all
  const RankPart back = decode_part(encode_part(part));
  CHECK(back.host == "node7");
  CHECK(back.total_runs == 12);
  REQUIRE(back.runs.size() == part.runs.size());
  for (std::size_t i = 0; i < part.runs.size(); ++i) {
    REQUIRE(back.runs[i].size() == part.runs[i].size());
    for (std::size_t k = 0; k < part.runs[i].size(); ++k) {
      CHECK(back.runs[i][k].first == part.runs[i][k].first);
      CHECK(same_bits(back.runs[i][k].second, part.runs[i][k].second));
    }
  }
  CHECK_FALSE(back.failure);
  RankPart not_a_number;
  not_a_number.runs = {{{"global.wait_s.mean", std::nan("")}}};
  CHECK(std::isnan(decode_part(encode_part(not_a_number)).runs[0][0].second));

  RankPart failed;
  failed.failure = Failure{3, "meridian: internal error: boom\n"};
  failed.failed_run = 5;
  const RankPart failed_back = decode_part(encode_part(failed));
  REQUIRE(failed_back.failure);
  CHECK(failed_back.failure->exit_code == 3);
  CHECK(failed_back.failure->message == "meridian: internal error: boom\n");
  CHECK(failed_back.failed_run == std::optional<std::size_t>{5});
}

TEST_CASE("rank 0 puts the runs back in index order", "[compare]") {
  const Gathered gathered = merge_parts({part_of(8, 0, 3), part_of(8, 1, 3), part_of(8, 2, 3)});
  CHECK_FALSE(gathered.failure);
  REQUIRE(gathered.runs.size() == 8);
  for (std::size_t i = 0; i < 8; ++i) CHECK(gathered.runs[i] == run_metrics(static_cast<double>(i)));
}

TEST_CASE("rank 0 reports the failure a single process would have hit first", "[compare]") {
  std::vector<RankPart> parts = {part_of(6, 0, 3), part_of(6, 1, 3), part_of(6, 2, 3)};
  const auto fail = [&](int rank, std::optional<std::size_t> run, const std::string& message) {
    parts[rank].runs.clear();
    parts[rank].failure = Failure{rank == 1 ? 3 : 2, message};
    parts[rank].failed_run = run;
  };

  fail(2, 5, "run 5 broke\n");
  fail(1, 1, "run 1 broke\n");
  Gathered gathered = merge_parts(parts);
  REQUIRE(gathered.failure);
  CHECK(gathered.failure->exit_code == 3);
  CHECK(gathered.failure->message == "meridian compare: rank 1 (node1) failed:\nrun 1 broke\n");
  CHECK(gathered.runs.empty());

  // A failure before the runs (the scenario does not load there) wins over any run's.
  fail(2, std::nullopt, "cannot read the scenario\n");
  gathered = merge_parts(parts);
  REQUIRE(gathered.failure);
  CHECK(gathered.failure->message == "meridian compare: rank 2 (node2) failed:\ncannot read the scenario\n");

  // Rank 0's own failure reads as it would without MPI.
  fail(0, std::nullopt, "bad --vary\n");
  gathered = merge_parts(parts);
  REQUIRE(gathered.failure);
  CHECK(gathered.failure->exit_code == 2);
  CHECK(gathered.failure->message == "bad --vary\n");
}

TEST_CASE("ranks started with different arguments are refused", "[compare]") {
  CHECK_THROWS_WITH(merge_parts({part_of(6, 0, 2), part_of(8, 1, 2)}),
                    Catch::Contains("rank 1 has 8 runs to do and rank 0 has 6"));
}
