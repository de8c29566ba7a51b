# Settings every target of the project links through the INTERFACE target gd_settings:
# the language standard, warnings, precompiled headers, and the optional sanitizer and
# fuzzing builds. The standard is gd_settings' compile feature (cxx_std_20), not a global;
# without extensions, so the flag is -std=c++20 rather than gnu++20.
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
option(GD_PCH "Precompile the third-party and standard headers once per target" ON)
# ccache, when installed, makes rebuilds of an unchanged file (another build folder, a
# sanitizer build of the same sources' headers) a cache hit. With precompiled headers it
# needs the sloppiness its manual gives for them (it cannot see __TIME__ or #defines
# through a PCH, and the PCH is always newer than the compile that uses it), set here for
# this build only, and -fpch-preprocess (GCC) or -fno-pch-timestamp (clang) below.
find_program(GD_CCACHE ccache)
if(GD_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  if(GD_PCH)
    find_program(GD_ENV env REQUIRED)
    set(CMAKE_CXX_COMPILER_LAUNCHER ${GD_ENV}
        CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
        ${GD_CCACHE})
  else()
    set(CMAKE_CXX_COMPILER_LAUNCHER ${GD_CCACHE})
  endif()
endif()
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()
# RelWithDebInfo with line tables only: backtraces and sanitizer reports keep their file and
# line, and the compile is a third faster than with full -g (variables and types). A Debug
# build, or -DCMAKE_CXX_FLAGS_RELWITHDEBINFO=..., keeps full debug information.
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang" AND CMAKE_CXX_FLAGS_RELWITHDEBINFO STREQUAL
                                                 "-O2 -g -DNDEBUG")
  set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O2 -g1 -DNDEBUG")
endif()

add_library(gd_settings INTERFACE)
target_compile_features(gd_settings INTERFACE cxx_std_20)
target_compile_options(gd_settings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wcast-align -Wunused -Woverloaded-virtual)
if(GD_WERROR)
  target_compile_options(gd_settings INTERFACE -Werror)
endif()
if(GD_SANITIZE)
  # GCC 12's -Wmaybe-uninitialized gives false positives inside libstdc++ (std::regex,
  # std::function) when sanitizers are on; the plain -Werror build keeps the warning.
  target_compile_options(gd_settings INTERFACE -fsanitize=address,undefined
                         -fno-omit-frame-pointer -fno-sanitize-recover=all -Wno-maybe-uninitialized)
  target_link_options(gd_settings INTERFACE -fsanitize=address,undefined)
endif()
if(GD_FUZZ)
  # The libFuzzer build (fuzz/, docs/testing.md): clang only, in its own build folder. Every
  # target gets the coverage instrumentation libFuzzer steers by, ASan and UBSan; only the
  # fuzzers link libFuzzer's main. _GLIBCXX_ASSERTIONS (ABI-neutral) bounds-checks
  # operator[] and friends, which ASan misses inside a container's spare capacity.
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "GD_FUZZ needs clang (libFuzzer): configure a separate build folder "
                        "with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(GD_SANITIZE)
    message(FATAL_ERROR "GD_FUZZ builds with ASan and UBSan already; leave GD_SANITIZE off")
  endif()
  # Not `unreachable`: toml++ 3.3.0 reaches a __builtin_unreachable() when it classifies some
  # non-ASCII code points (upstream issue 295, fixed after 3.3.0); both g++ and clang compile
  # it to "not whitespace", TOML's answer, which tests/unit/record/parse_test.cpp holds to.
  # This project's code has no __builtin_unreachable() of its own.
  target_compile_options(gd_settings INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                         -fno-sanitize=unreachable -fno-omit-frame-pointer
                         -fno-sanitize-recover=all -D_GLIBCXX_ASSERTIONS)
  target_link_options(gd_settings INTERFACE -fsanitize=address,undefined)
  # Debian's toml++ is a shared library built by g++, invisible to the instrumentation; the
  # fuzzing build compiles it from its headers instead, so the fuzzers also steer through
  # and check the TOML parser. (tomlplusplusConfig.cmake keeps a target defined first.)
  add_library(tomlplusplus::tomlplusplus INTERFACE IMPORTED)
  target_compile_definitions(tomlplusplus::tomlplusplus INTERFACE TOML_HEADER_ONLY=1)
endif()

# Precompiled headers: the large headers every file of a target includes (CLI11 is 114k
# preprocessed lines, nlohmann/json 133k) are parsed once per target instead of once per
# file. `gd_precompile(<target> <header>...)` adds them (nothing when GD_PCH is off); a
# target with the same flags as one already done takes `REUSE_FROM <that target>`.
set(GD_PCH_COMMON <algorithm> <cstddef> <filesystem> <functional> <map> <memory> <optional>
    <ostream> <set> <span> <string> <string_view> <unordered_map> <utility> <vector>
    <nlohmann/json.hpp> <tl/expected.hpp> <toml++/toml.h>)
if(GD_PCH AND GD_CCACHE)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(gd_settings INTERFACE -fpch-preprocess)
  elseif(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    target_compile_options(gd_settings INTERFACE "SHELL:-Xclang -fno-pch-timestamp")
  endif()
endif()
function(gd_precompile target)
  if(NOT GD_PCH)
    return()
  endif()
  if(ARGV1 STREQUAL "REUSE_FROM")
    target_precompile_headers(${target} REUSE_FROM ${ARGV2})
  else()
    target_precompile_headers(${target} PRIVATE ${ARGN})
  endif()
endfunction()

# Unity builds: decision_core, the git-decision verbs and the tests compile as a few large
# files of GD_UNITY_BATCH sources each, instead of one per source. Most of their compile time
# is code generation for the same template instances (nlohmann::json, CLI11, tl::expected,
# gtest) in every file; a batch generates each once, for about a fifth of the CPU.
# decision_fast stays one object per source, so a commit hook links only the units it
# calls. Sources in one batch share a translation unit: a file-local name must be unique
# within its namespace (a clash is a compile error, never a silent mix-up).
option(GD_UNITY "Compile decision_core, the verbs and the tests in batches (unity build)" ON)
set(GD_UNITY_BATCH 10 CACHE STRING "Sources per unity batch")
function(gd_unity target)
  if(GD_UNITY)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE
                                                              ${GD_UNITY_BATCH})
    # A batch #includes its sources, so GCC takes each for a header and warns when a type
    # there derives from one in an anonymous namespace (a gtest fixture does): true of a
    # header, not of a source compiled once.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      target_compile_options(${target} PRIVATE -Wno-subobject-linkage)
    endif()
  endif()
endfunction()
