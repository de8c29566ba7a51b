# Settings every target of the project links through the INTERFACE target gd_settings:
# the language standard, warnings, and the optional sanitizer build.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

add_library(gd_settings INTERFACE)
target_compile_features(gd_settings INTERFACE cxx_std_20)
target_compile_options(gd_settings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wcast-align -Wunused -Woverloaded-virtual)
if(GD_WERROR)
  target_compile_options(gd_settings INTERFACE -Werror)
endif()
if(GD_SANITIZE)
  target_compile_options(gd_settings INTERFACE -fsanitize=address,undefined
                         -fno-omit-frame-pointer -fno-sanitize-recover=all)
  # GCC 12's sanitizer instrumentation makes -Wmaybe-uninitialized report false positives
  # inside libstdc++'s <regex> (std::function moved in _NFA::_M_insert_subexpr_end), which
  # -Werror turns into a failed build. ASan and UBSan check those paths at run time instead.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(gd_settings INTERFACE -Wno-maybe-uninitialized)
  endif()
  target_link_options(gd_settings INTERFACE -fsanitize=address,undefined)
endif()
