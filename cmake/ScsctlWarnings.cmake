# One warning policy for every target: a clean build prints no warnings in any build type.
function(scsctl_apply_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wcast-align
    -Wunused -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2)
  if(SCSCTL_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
