// The simulator against queueing theory. Each estimate comes from independent replications
// (replication i draws from streams seeded by (seed, i, name)), so its standard error is measured,
// not assumed; a check fails when the theory lies outside the 99.9 % Student-t interval.
#include <catch2/catch.hpp>
#include <cmath>
#include <fmt/format.h>

#include "../support/scenario_run.hpp"

using namespace meridian;
using namespace meridian::testing;

namespace {

/// Erlang C: probability that an arrival waits in M/M/c with offered load a = lambda / mu.
double erlang_c(int c, double a) {
  double sum = 0.0, term = 1.0;  // term = a^k / k!
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double waiting = term * c / (c - a);
  return waiting / (sum + waiting);
}

/// One region with `servers` GPUs and a single request stream.
std::string single_queue(int servers, double rate, const std::string& duration, const std::string& horizon) {
  return fmt::format(R"(
meridian: 1
name: theory
horizon: {3}
warmup: 2h
regions:
  - id: lab
    capacity: {{gpu: {0}}}
workloads:
  - id: q
    class: request
    arrivals: {{process: poisson, rate: {1}/s}}
    demand: {{gpu: 1}}
    duration: {2}
policies: {{scheduler: origin, load_balancer: latency, queue: fifo}}
)",
                     servers, rate, duration, horizon);
}

/// Estimates of summary metrics (JSON pointers) from the same `replications` independent runs.
std::vector<Estimate> replication_means(const Model& model, int replications, const std::vector<std::string>& metrics) {
  std::vector<std::vector<double>> values(metrics.size());
  for (int i = 0; i < replications; ++i) {
    const auto summary = run_model(model, static_cast<std::uint64_t>(i)).summary;
    for (std::size_t m = 0; m < metrics.size(); ++m)
      values[m].push_back(summary[nlohmann::json::json_pointer(metrics[m])].get<double>());
  }
  std::vector<Estimate> estimates;
  for (const auto& v : values) estimates.push_back(estimate(v));
  return estimates;
}

/// Mean wait over `replications` independent runs of the model.
Estimate mean_wait(const Model& model, int replications) {
  return replication_means(model, replications, {"/workloads/q/wait_s/mean"}).front();
}

void check_against_theory(const Estimate& e, double theory) {
  const double half_width = t_999(e.n) * e.standard_error;
  INFO(fmt::format("simulated {:.4f} +- {:.4f} (99.9 %), theory {:.4f}", e.mean, half_width, theory));
  CHECK(std::abs(e.mean - theory) <= half_width);
  // The interval must also be tight enough to mean something: within 6 % of the value.
  CHECK(half_width < 0.06 * theory);
}

}  // namespace

TEST_CASE("M/M/1 at rho = 0.8: mean wait matches rho / (mu - lambda)", "[theory]") {
  const Model model = model_from_yaml(single_queue(1, 0.8, "{dist: exponential, mean: 1s}", "3d"));
  check_against_theory(mean_wait(model, 10), 0.8 / (1.0 - 0.8));
}

TEST_CASE("M/M/8 at rho = 0.85: mean wait and mean response match Erlang C", "[theory][lb]") {
  const double lambda = 6.8, mu = 1.0;
  const Model model = model_from_yaml(single_queue(8, lambda, "{dist: exponential, mean: 1s}", "1d"));
  // The response is measured through the request path (routed by the load balancer, from
  // arrival until the result is back at its origin), as the per-origin breakdown reports it.
  const auto e =
      replication_means(model, 10, {"/workloads/q/wait_s/mean", "/workloads/q/origins/lab/response_s/mean"});
  const double wait = erlang_c(8, lambda / mu) / (8 * mu - lambda);
  check_against_theory(e[0], wait);
  check_against_theory(e[1], wait + 1.0 / mu);  // W = Wq + 1/mu
}

// Pollaczek-Khinchine: Wq = lambda E[S^2] / (2 (1 - rho)).
TEST_CASE("M/D/1 at rho = 0.8: mean wait matches Pollaczek-Khinchine", "[theory]") {
  const Model model = model_from_yaml(single_queue(1, 0.8, "1s", "3d"));
  check_against_theory(mean_wait(model, 10), 0.8 * 1.0 / (2 * 0.2));
}

TEST_CASE("M/G/1 (gamma, cv 0.5) at rho = 0.8: mean wait matches Pollaczek-Khinchine", "[theory]") {
  const Model model = model_from_yaml(single_queue(1, 0.8, "{dist: gamma, mean: 1s, cv: 0.5}", "3d"));
  check_against_theory(mean_wait(model, 10), 0.8 * (1.0 + 0.25) / (2 * 0.2));
}

TEST_CASE("M/G/1 (uniform 0-2 s) at rho = 0.8: mean wait matches Pollaczek-Khinchine", "[theory]") {
  const Model model = model_from_yaml(single_queue(1, 0.8, "{dist: uniform, min: 0s, max: 2s}", "3d"));
  check_against_theory(mean_wait(model, 10), 0.8 * (4.0 / 3.0) / (2 * 0.2));
}

TEST_CASE("utilization equals offered load in M/M/8", "[theory]") {
  const Model model = model_from_yaml(single_queue(8, 6.4, "{dist: exponential, mean: 1s}", "1d"));
  std::vector<double> utilization;
  for (int i = 0; i < 8; ++i)
    utilization.push_back(run_model(model, i).summary["regions"]["lab"]["utilization"]["gpu"].get<double>());
  const Estimate e = estimate(utilization);
  CHECK(std::abs(e.mean - 0.8) <= t_999(e.n) * e.standard_error);
}
