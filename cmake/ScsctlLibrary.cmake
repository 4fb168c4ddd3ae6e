# scsctl_library(NAME LINKS ...): builds src/NAME/*.cpp (without *_test.cpp) into the
# static library scsctl_NAME, with includes rooted at src/.
function(scsctl_library name)
  cmake_parse_arguments(ARG "" "" "LINKS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/src/${name}/*.cpp")
  list(FILTER sources EXCLUDE REGEX "_test\\.cpp$")
  if(NOT sources)
    # A folder with headers only so far: an interface library keeps the link graph.
    add_library(scsctl_${name} INTERFACE)
    target_include_directories(scsctl_${name} INTERFACE "${PROJECT_SOURCE_DIR}/src" "${PROJECT_BINARY_DIR}/generated")
    target_link_libraries(scsctl_${name} INTERFACE ${ARG_LINKS})
    return()
  endif()
  add_library(scsctl_${name} STATIC ${sources})
  target_include_directories(scsctl_${name} PUBLIC "${PROJECT_SOURCE_DIR}/src" "${PROJECT_BINARY_DIR}/generated")
  target_link_libraries(scsctl_${name} PUBLIC ${ARG_LINKS})
  scsctl_apply_warnings(scsctl_${name})
endfunction()
