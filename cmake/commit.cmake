# Writes OUT (ntm_commit.h) with the git commit the source is at, for
# `ntmplan --version` (src/cli/version.h). Run by the build on every build
# (the target ntm_commit), so a commit made after configuring shows; OUT is
# rewritten only when the text changes, so nothing recompiles otherwise.
#   cmake -DSOURCE_DIR=... -DOUT=... [-DNTM_COMMIT=...] -P commit.cmake
# NTM_COMMIT, when given (a source tarball built by a packager who knows
# its commit), wins; without it and without git, the commit is "unknown".
if(NOT NTM_COMMIT)
  set(NTM_COMMIT "unknown")
  find_program(GIT_EXECUTABLE git)
  # Only the source's own checkout (.git is a folder, or a file in a git
  # worktree): a tarball unpacked inside some other repository is not it.
  if(GIT_EXECUTABLE AND EXISTS "${SOURCE_DIR}/.git")
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" rev-parse --short=12 HEAD
                    OUTPUT_VARIABLE head RESULT_VARIABLE rc ERROR_QUIET
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(rc EQUAL 0 AND head)
      set(NTM_COMMIT "${head}")
      # Uncommitted changes to tracked files: the binary is not that commit.
      execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" diff --quiet HEAD --
                      RESULT_VARIABLE dirty ERROR_QUIET)
      if(dirty EQUAL 1)
        string(APPEND NTM_COMMIT "-modified")
      endif()
    endif()
  endif()
endif()
set(text "/* Written by cmake/commit.cmake at build time. */\n#define NTM_COMMIT \"${NTM_COMMIT}\"\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
