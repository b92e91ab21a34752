#include "build_info.h"

// ops/stamp-commit writes build_commit.generated.h (git-ignored) with
// HOMEWARD_BUILD_COMMIT, and touches this file so that SwiftPM recompiles it.
// A clean clone builds without it: the commit then reads "unknown".
#if __has_include("build_commit.generated.h")
#include "build_commit.generated.h"
#endif

#ifndef HOMEWARD_BUILD_COMMIT
#define HOMEWARD_BUILD_COMMIT "unknown"
#endif

const char *homeward_build_commit(void) { return HOMEWARD_BUILD_COMMIT; }
