// robots.txt as RFC 9309 reads it: which paths of a site a crawler may fetch.

#ifndef PITH_FETCH_ROBOTS_H_
#define PITH_FETCH_ROBOTS_H_

#include <string>
#include <string_view>
#include <vector>

namespace pith {

// The rules of one site for one crawler. Immutable once made; cheap to copy.
class RobotsRules {
 public:
  // Everything allowed: the rules of a site without robots.txt (a 4xx answer).
  static RobotsRules AllowAll();
  // Nothing allowed: what RFC 9309 prescribes while robots.txt is
  // unreachable (a 5xx answer or a network error).
  static RobotsRules DisallowAll();

  // The rules in text for the crawler whose product token is agent ("pith"):
  // the groups whose user-agent line names agent (case-insensitively), else
  // the groups for "*", else none, which allows everything. Lines are
  // "key: value", with # comments; unknown keys are ignored. Only the first
  // 500 KiB are read, as the RFC allows.
  static RobotsRules Parse(std::string_view text, std::string_view agent);

  // Whether the crawler may fetch path (the path and query of a URL, from
  // its first '/'). The rule with the longest pattern that matches wins, an
  // allow rule on a tie; patterns may hold '*' (any run of bytes) and end in
  // '$' (the end of the path). "/robots.txt" is always allowed.
  bool Allowed(std::string_view path) const;

  // The Crawl-delay of the chosen groups in seconds; 0 when none is given.
  double crawl_delay() const { return crawl_delay_; }

 private:
  struct Rule {
    bool allow;
    std::string pattern;
  };
  std::vector<Rule> rules_;
  double crawl_delay_ = 0;
  bool disallow_all_ = false;
};

// The product token of a User-Agent: "pith" for "pith/0.1 (+https://...)".
std::string ProductToken(std::string_view user_agent);

}  // namespace pith

#endif  // PITH_FETCH_ROBOTS_H_
