#ifndef HOMEWARD_BUILD_INFO_H
#define HOMEWARD_BUILD_INFO_H

/// The git commit this binary was built from ("unknown" when built without
/// `ops/stamp-commit`, e.g. from a source archive). See docs/operations.md.
const char *homeward_build_commit(void);

#endif
