#pragma once
// The MPI transport of a comparison spread over ranks (see compare/ranks.hpp). Its source file is
// the only one that includes <mpi.h>, and it is built only when CMake found MPI.

#include <memory>

#include "compare/ranks.hpp"

namespace meridian::compare {

/// Initializes MPI and returns this process's rank in MPI_COMM_WORLD. At destruction the group
/// finalizes MPI after agree_exit_code, or aborts the whole job when it is destroyed before
/// that: an exception has left the protocol, and the other ranks would wait for it forever.
std::unique_ptr<RankGroup> join_mpi_world();

}  // namespace meridian::compare
