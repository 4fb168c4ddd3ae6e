# Build options: tests, sanitizers, fuzzing and the optional native features.
option(SCSCTL_BUILD_TESTS "Build the Catch2 unit tests" ON)
option(SCSCTL_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(SCSCTL_FUZZ "Build the AFL++ fuzz harnesses (configure with CXX=afl-g++-fast or afl-g++)" OFF)
option(SCSCTL_FUZZ_REPLAY "Build the fuzz harnesses with the normal compiler and replay their corpora as tests" OFF)
option(SCSCTL_WERROR "Treat warnings as errors" OFF)
set(SCSCTL_WITH_LIBVIRT "AUTO" CACHE STRING "libvirt health checks: ON, OFF or AUTO")
set(SCSCTL_WITH_RADOS "AUTO" CACHE STRING "librados health checks: ON, OFF or AUTO")

if(SCSCTL_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
