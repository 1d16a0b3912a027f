// A rule set built from rule text for a test, so that the test pins a
// stage's mechanics rather than the shipped rules' wording.

#ifndef PITH_TESTS_TEST_RULES_H_
#define PITH_TESTS_TEST_RULES_H_

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clean/rules.h"

namespace pith::testing {

// The rules of rules_text (rules/README.md's format), and English stopwords
// from english_stopwords (one a line) when it is not empty. Fails the test
// when the text holds a bad rule.
inline std::unique_ptr<const RuleSet> TestRules(std::string_view rules_text,
                                                std::string_view english_stopwords = {}) {
  auto rules = std::make_unique<RuleSet>();
  std::vector<std::string> errors;
  rules->AddRuleFile("test.rules", rules_text, &errors);
  BOOST_REQUIRE(errors.empty());
  if (!english_stopwords.empty()) rules->AddStopwords("en", english_stopwords);
  return rules;
}

}  // namespace pith::testing

#endif  // PITH_TESTS_TEST_RULES_H_
