find_package(GTest REQUIRED)
include(GoogleTest)

# vp_unit_test(name SOURCES ... LIBS ...): a GoogleTest binary labelled `unit`.
# Unit tests are pure: no network, no database server, no Beast. They are the ones
# built again under ASan+UBSan.
function(vp_unit_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gmock GTest::gtest_main vp_warnings)
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST PROPERTIES LABELS unit)
  set_property(GLOBAL APPEND PROPERTY VP_UNIT_TESTS ${name})
endfunction()

# vp_integration_test(name SOURCES ... LIBS ... [FIXTURES ...]): real sockets,
# real databases, real processes. Labelled `integration`.
function(vp_integration_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;FIXTURES" ${ARGN})
  if(VP_UNIT_ONLY)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gmock GTest::gtest_main vp_warnings)
  set(props LABELS integration)
  if(ARG_FIXTURES)
    list(APPEND props FIXTURES_REQUIRED "${ARG_FIXTURES}")
  endif()
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST PROPERTIES ${props})
endfunction()
