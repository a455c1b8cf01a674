# Strict warnings for every target of ours.
add_library(vp_warnings INTERFACE)
target_compile_options(vp_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference -Wformat=2
  -Wimplicit-fallthrough)
if(VP_WERROR)
  target_compile_options(vp_warnings INTERFACE -Werror)
endif()

# vp_component(name SOURCES ... DEPS ...): one layer folder = one static library.
function(vp_component name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE vp_warnings ${ARG_PRIVATE_DEPS})
endfunction()
