// The Catch2 main of the unit-test binary (compiled once; test files only include catch.hpp).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
