#include "fetch/robots.h"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>

namespace pith {
namespace {

constexpr std::size_t kMaxRobotsBytes = 500 * 1024;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// Whether pattern matches a prefix of path (all of it when the pattern ends
// in '$'), '*' matching any run of bytes. Greedy with one backtrack point,
// so time is O(|pattern| * |path|) at worst, without recursion.
bool Matches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  std::size_t p = 0, s = 0;
  std::size_t star = std::string_view::npos, star_s = 0;
  for (;;) {
    if (p == pattern.size() && (!anchored || s == path.size())) return true;
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_s = s;
    } else if (p < pattern.size() && s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (star != std::string_view::npos && star_s < path.size()) {
      p = star + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
}

}  // namespace

RobotsRules RobotsRules::AllowAll() { return RobotsRules(); }

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules rules;
  rules.disallow_all_ = true;
  return rules;
}

RobotsRules RobotsRules::Parse(std::string_view text, std::string_view agent) {
  text = text.substr(0, kMaxRobotsBytes);
  std::string token = Lower(agent);
  RobotsRules mine, anyone;  // the groups naming us, and those for "*"
  bool named = false;        // some group names us
  bool in_agent_lines = false;
  bool group_mine = false, group_anyone = false;
  while (!text.empty()) {
    std::size_t eol = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(std::min(eol + 1, text.size()));
    line = Trim(line.substr(0, line.find('#')));
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = Lower(Trim(line.substr(0, colon)));
    std::string_view value = Trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!in_agent_lines) group_mine = group_anyone = false;  // a new group
      in_agent_lines = true;
      std::string name = Lower(value);
      if (name == "*") {
        group_anyone = true;
      } else if (ProductToken(name) == token) {
        group_mine = named = true;
      }
      continue;
    }
    in_agent_lines = false;
    for (RobotsRules* rules : {&mine, &anyone}) {
      if (!(rules == &mine ? group_mine : group_anyone)) continue;
      if ((key == "allow" || key == "disallow") && !value.empty()) {
        rules->rules_.push_back({key == "allow", std::string(value)});
      } else if (key == "crawl-delay") {
        double seconds = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (ec == std::errc() && seconds > 0) rules->crawl_delay_ = seconds;
      }
    }
  }
  return named ? mine : anyone;
}

bool RobotsRules::Allowed(std::string_view path) const {
  if (path == "/robots.txt") return true;
  if (disallow_all_) return false;
  const Rule* best = nullptr;
  for (const Rule& rule : rules_) {
    if (!Matches(rule.pattern, path)) continue;
    if (best == nullptr || rule.pattern.size() > best->pattern.size() ||
        (rule.pattern.size() == best->pattern.size() && rule.allow)) {
      best = &rule;
    }
  }
  return best == nullptr || best->allow;
}

std::string ProductToken(std::string_view user_agent) {
  user_agent = Trim(user_agent);
  std::size_t end = user_agent.find_first_of("/ \t(");
  return Lower(user_agent.substr(0, end));
}

}  // namespace pith
