#pragma once
/// Parameters of a policy as the scenario gave them, read with their documented defaults.
/// Values stay text until read, so that a bad value is reported where it was written.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "meridian/core/error.hpp"
#include "meridian/core/rng.hpp"
#include "meridian/core/time.hpp"

namespace meridian {

/// A policy's parameters: text values with where they came from. Reading a value that does not
/// parse throws InputError located at the value.
class PolicyParams {
 public:
  struct Value {
    std::string text;
    Where where;
  };

  void set(std::string name, Value value) { values_[std::move(name)] = std::move(value); }
  bool has(std::string_view name) const { return values_.find(name) != values_.end(); }
  const Value& raw(std::string_view name) const;

  double number(std::string_view name) const;
  std::int64_t integer(std::string_view name) const;
  SimDuration duration(std::string_view name) const;
  double bandwidth_bps(std::string_view name) const;
  const std::string& text(std::string_view name) const { return raw(name).text; }

 private:
  std::map<std::string, Value, std::less<>> values_;
};

/// What a policy may take from the run when it is made: its own random stream, named so that
/// it never shares draws with arrivals or other policies.
class PolicyContext {
 public:
  /// `role` ("scheduler", "load_balancer") keeps the streams of one policy used in two roles
  /// apart: a random scheduler and a random load balancer must not draw the same numbers.
  PolicyContext(std::uint64_t seed, std::uint64_t replication, std::string role = {})
      : seed_(seed), replication_(replication), role_(std::move(role)) {}
  RandomStream stream(std::string_view name) const {
    return RandomStream(seed_, replication_, role_.empty() ? std::string(name) : role_ + "/" + std::string(name));
  }

 private:
  std::uint64_t seed_;
  std::uint64_t replication_;
  std::string role_;
};

}  // namespace meridian
