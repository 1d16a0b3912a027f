# pith_add_test(NAME SOURCE...): one Boost.Test executable registered with CTest.
# Tests find fixtures/ and ../shared through PITH_SOURCE_DIR.
function(pith_add_test name)
  add_executable(${name} ${ARGN})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE pith_eval pith_fetch pith_clean
                        Boost::unit_test_framework)
  target_compile_definitions(${name} PRIVATE
    BOOST_TEST_DYN_LINK PITH_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME ${name} COMMAND ${name} --log_level=message)
endfunction()
