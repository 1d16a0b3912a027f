#define BOOST_TEST_MODULE cli_test
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/pith_process.h"
#include "tests/temp_dir.h"

namespace fs = std::filesystem;

namespace {

using pith::testing::Lines;
using pith::testing::Pith;
using pith::testing::ReadFile;
using pith::testing::Run;
using pith::testing::TempDir;

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// The seed examples: a raw dump (000) and the seed format of its article (001).
const std::string kSeed000 = PITH_SOURCE_DIR "/fixtures/seeds/000_bea1dc2b0db3c042.txt";
const std::string kSeed001 = PITH_SOURCE_DIR "/fixtures/seeds/001_83923df24a278a15.txt";

// The options `pith clean` must offer, as its help spells them.
const std::vector<std::string> kCleanOptions = {
    "--format FMT",        "-o, --output FILE", "--rules DIR",       "--no-builtin-rules",
    "--precision",         "--recall",          "--no-prepass",      "--comments",
    "--input-format FMT",  "--text-field NAME", "--html-field NAME", "--max-bytes N",
    "-q, --quiet",         "-h, --help",        "--version"};

// A JSONL line holding text as the page.
std::string JsonlRecord(const std::string& text) {
  return nlohmann::json{{"text", text}}.dump() + "\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(no_command_prints_usage_and_exits_2) {
  Run r = Pith({});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(Contains(r.err, "Usage: pith"), r.err);
  BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(clean_help_documents_every_option) {
  Run r = Pith({"clean", "--help"});
  BOOST_TEST(r.status == 0);
  for (const std::string& option : kCleanOptions) BOOST_TEST(Contains(r.out, option), option);
  BOOST_TEST(Contains(r.out, "form feed"));
  BOOST_TEST(Contains(r.out, "Exit status"));
}

BOOST_AUTO_TEST_CASE(main_and_rules_help_document_their_commands) {
  Run main_help = Pith({"--help"});
  BOOST_TEST(main_help.status == 0);
  BOOST_TEST(Contains(main_help.out, "clean"));
  BOOST_TEST(Contains(main_help.out, "rules check"));
  BOOST_TEST(Contains(main_help.out, "--version"));
  Run rules_help = Pith({"rules", "--help"});
  BOOST_TEST(rules_help.status == 0);
  BOOST_TEST(Contains(rules_help.out, "pith rules check [DIR]"));
  BOOST_TEST(Contains(rules_help.out, "-h, --help"));
}

BOOST_AUTO_TEST_CASE(defaults_shown_in_help_are_accepted_values) {
  TempDir dir;
  const std::string& seed = kSeed000;
  std::vector<std::string> lines = Lines(Pith({"clean", "--help"}).out);
  int defaults = 0;
  std::string flag;
  for (const std::string& line : lines) {
    // An option line starts with "  -x, --name" or "      --name".
    if (auto dashes = line.find("--");
        line.rfind("  -", 0) == 0 || line.rfind("      --", 0) == 0) {
      flag = line.substr(dashes, line.find(' ', dashes) - dashes);
    }
    auto at = line.find("[default: ");
    if (at == std::string::npos) continue;
    std::string value = line.substr(at + 10, line.find(']', at) - at - 10);
    Run r = Pith({"clean", flag, value, seed});
    BOOST_TEST(r.status == 0, flag << " " << value << ": " << r.err);
    ++defaults;
  }
  BOOST_TEST(defaults >= 4);
}

BOOST_AUTO_TEST_CASE(version_prints_the_name_and_version) {
  Run r = Pith({"--version"});
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out.rfind("pith ", 0) == 0u, r.out);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2_without_output) {
  const std::string& seed = kSeed000;
  const std::vector<std::vector<std::string>> cases = {
      {"clean", "--format", "xml", seed},
      {"clean", "--format"},
      {"clean", "--bogus", seed},
      {"clean", "-o"},
      {"clean", "--max-bytes", "0", seed},
      {"clean", "--max-bytes", "12X", seed},
      {"clean", "--input-format", "pdf", seed},
      {"clean", "--quiet=yes", seed},
      {"frobnicate"},
      {"rules"},
      {"rules", "lint"},
  };
  for (const auto& args : cases) {
    Run r = Pith(args);
    std::string what = args[0] + " " + (args.size() > 1 ? args[1] : "");
    BOOST_TEST(r.status == 2, what);
    BOOST_TEST(r.out.empty(), what);
    BOOST_TEST(r.err.rfind("pith: ", 0) == 0u, what << ": " << r.err);
  }
  BOOST_TEST(Contains(Pith(cases[0]).err, "xml"));
}

BOOST_AUTO_TEST_CASE(seed_000_cleans_to_seed_001_byte_for_byte) {
  Run r = Pith({"clean", "--format", "seed", kSeed000});
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.err.empty());
  BOOST_TEST(r.out == ReadFile(kSeed001) + "\n");
}

BOOST_AUTO_TEST_CASE(stdin_is_read_when_no_input_is_given) {
  Run r = Pith({"clean", "--format", "seed"}, kSeed000);
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out == ReadFile(kSeed001) + "\n");
  Run jsonl = Pith({"clean", "-"}, kSeed000);
  BOOST_TEST(jsonl.out.rfind("{\"source\":\"-\",", 0) == 0u, jsonl.out);
}

BOOST_AUTO_TEST_CASE(text_records_are_separated_by_a_form_feed_line) {
  const std::string& seed = kSeed000;
  Run r = Pith({"clean", "--format", "seed", seed, seed});
  BOOST_TEST(r.status == 0, r.err);
  const std::string one = ReadFile(kSeed001);
  BOOST_TEST(r.out == one + "\n\f\n" + one + "\n");
  Run text = Pith({"clean", "--format", "text", seed, seed});
  const std::string body = one.substr(std::string(" date 2024-06-12 ").size());
  BOOST_TEST(text.out == body + "\n\f\n" + body + "\n");
}

BOOST_AUTO_TEST_CASE(output_file_receives_the_records) {
  TempDir dir;
  const std::string out = dir.Path("out.txt");
  Run r = Pith({"clean", "--format", "seed", "-o", out, kSeed000});
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(ReadFile(out) == ReadFile(kSeed001) + "\n");
}

BOOST_AUTO_TEST_CASE(malformed_jsonl_line_is_one_error_record_among_the_others) {
  TempDir dir;
  const std::string page = ReadFile(kSeed000);
  const std::string path =
      dir.Write("dump.jsonl", JsonlRecord(page) + "{\"text\": nope}\n" + JsonlRecord(page));
  Run r = Pith({"clean", path});
  BOOST_TEST(r.status == 1);
  std::vector<std::string> lines = Lines(r.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);
  for (int i : {0, 2}) {
    nlohmann::json j = nlohmann::json::parse(lines[i], nullptr, false);
    BOOST_REQUIRE(j.is_object());
    BOOST_TEST(j["source"] == path + "#" + std::to_string(i + 1));
    BOOST_TEST(!j.contains("error"), lines[i]);
    BOOST_TEST(!j["text"].get<std::string>().empty());
  }
  nlohmann::json bad = nlohmann::json::parse(lines[1], nullptr, false);
  BOOST_REQUIRE(bad.is_object());
  BOOST_TEST(bad["source"] == path + "#2");
  BOOST_TEST(bad["error"].get<std::string>().rfind("corruption: " + path + ":2: malformed JSON: ",
                                                   0) == 0u);
  BOOST_TEST(bad["text"] == "");
  BOOST_TEST(Lines(r.err).size() == 1u, r.err);
  BOOST_TEST(r.err.rfind("pith: " + path + "#2: corruption: ", 0) == 0u, r.err);

  Run quiet = Pith({"clean", "-q", path});
  BOOST_TEST(quiet.status == 1);
  BOOST_TEST(quiet.err.empty());
  BOOST_TEST(quiet.out == r.out);
}

BOOST_AUTO_TEST_CASE(binary_and_empty_files_are_error_records_and_exit_1) {
  TempDir dir;
  std::string binary(
      "\x7f"
      "ELF\x02\x01\x01",
      7);
  for (int i = 0; i < 4096; ++i) binary.push_back(static_cast<char>(i * 7 % 256));
  const std::string bin = dir.Write("a.bin.txt", binary);
  const std::string empty = dir.Write("b.txt", "");
  Run r = Pith({"clean", bin, kSeed000, empty});
  BOOST_TEST(r.status == 1);
  std::vector<std::string> lines = Lines(r.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);
  BOOST_TEST(Contains(lines[0], "\"source\":\"" + bin + "\""));
  BOOST_TEST(Contains(lines[0], "\"error\":\""));
  BOOST_TEST(!Contains(lines[1], "\"error\""));
  BOOST_TEST(Contains(lines[2], "\"source\":\"" + empty + "\""));
  BOOST_TEST(Contains(lines[2], "\"error\":\"empty: "));
  BOOST_TEST(Lines(r.err).size() == 2u, r.err);
}

BOOST_AUTO_TEST_CASE(all_records_clean_is_exit_0_and_missing_file_is_exit_1) {
  TempDir dir;
  BOOST_TEST(Pith({"clean", kSeed000}).status == 0);
  Run r = Pith({"clean", dir.Path("missing.txt"), kSeed000});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(Lines(r.out).size() == 2u);
  BOOST_TEST(Contains(r.err, "missing.txt: I/O error: "), r.err);
}

BOOST_AUTO_TEST_CASE(oversize_single_line_input_is_an_error_record) {
  TempDir dir;
  const std::size_t kSize = std::size_t{50} << 20;
  const std::string path = dir.Path("big.jsonl");
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"text\":\"";
    const std::string block(1 << 20, 'a');
    for (std::size_t i = 0; i < kSize >> 20; ++i) out << block;
    out << "\"}";
  }
  const std::size_t file_size = kSize + 11;
  Run r = Pith({"clean", path});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.out.size() < 1000u);
  BOOST_TEST(Contains(r.out, path + ":1: record of " + std::to_string(file_size) +
                                 " bytes exceeds the 33554432-byte cap"),
             r.out);
  Run as_text = Pith({"clean", "--input-format", "text", path});
  BOOST_TEST(as_text.status == 1);
  BOOST_TEST(Contains(as_text.out, path + ": record of " + std::to_string(file_size) + " bytes"),
             as_text.out);
}

BOOST_AUTO_TEST_CASE(max_bytes_caps_records) {
  Run r = Pith({"clean", "--max-bytes", "1K", kSeed000});
  BOOST_TEST(r.status == 1);
  BOOST_TEST(Contains(r.out, "exceeds the 1024-byte cap"), r.out);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_input_is_cleaned_into_valid_json) {
  TempDir dir;
  std::string page = ReadFile(kSeed000);
  const std::string anchor = "At a two-day meeting";
  const std::size_t at = page.find(anchor);
  BOOST_REQUIRE(at != std::string::npos);
  page.insert(at + anchor.size(), " caf\xE9 \xFF\xFE");
  const std::string path = dir.Write("latin1.txt", page);
  Run r = Pith({"clean", path});
  BOOST_TEST(r.status == 0, r.err);
  std::vector<std::string> lines = Lines(r.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 1u);
  nlohmann::json j = nlohmann::json::parse(lines[0], nullptr, false);
  BOOST_REQUIRE(j.is_object());
  BOOST_TEST(Contains(j["text"].get<std::string>(), "meeting caf\xEF\xBF\xBD"));
}

BOOST_AUTO_TEST_CASE(broken_rule_dir_exits_2_naming_file_and_line) {
  TempDir dir;
  dir.Write("rules/bad.rules", "[generic]\nfrobnicate ^x$\n# fine\ndrop (unclosed\n");
  Run r = Pith({"clean", "--rules", dir.Path("rules"), kSeed000});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(Contains(r.err, "bad.rules:2: "), r.err);
  BOOST_TEST(Contains(r.err, "bad.rules:4: "), r.err);

  Run check = Pith({"rules", "check", dir.Path("rules")});
  BOOST_TEST(check.status == 2);
  BOOST_TEST(Contains(check.err, "bad.rules:2: "), check.err);
}

BOOST_AUTO_TEST_CASE(rules_check_counts_valid_rules) {
  TempDir dir;
  dir.Write("rules/mine.rules", "[generic]\ndrop ^one$\ndrop ^two$\n");
  Run mine = Pith({"rules", "check", dir.Path("rules")});
  BOOST_TEST(mine.status == 0, mine.err);
  BOOST_TEST(mine.out == "2 rules OK\n");
  Run shipped = Pith({"rules", "check"});
  BOOST_TEST(shipped.status == 0, shipped.err);
  BOOST_TEST(Contains(shipped.out, " rules OK\n"), shipped.out);
  Run extra = Pith({"clean", "--rules", dir.Path("rules"), kSeed000});
  BOOST_TEST(extra.status == 0, extra.err);
}

BOOST_AUTO_TEST_CASE(closed_pipe_ends_the_run_quietly) {
  TempDir dir;
  std::string pages;
  const std::string page = ReadFile(kSeed000);
  for (int i = 0; i < 400; ++i) pages += JsonlRecord(page);
  const std::string path = dir.Write("many.jsonl", pages);
  const std::string err_path = dir.Path("stderr");

  int fds[2];
  BOOST_REQUIRE(pipe(fds) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  std::string binary = PITH_BINARY, clean = "clean", input = path;
  char* argv[] = {binary.data(), clean.data(), input.data(), nullptr};
  pid_t pid;
  BOOST_REQUIRE(posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv, environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  char buffer[100];
  BOOST_TEST(read(fds[0], buffer, sizeof buffer) > 0);  // like `| head -c 100`
  close(fds[0]);
  int wstatus = 0;
  BOOST_REQUIRE_EQUAL(waitpid(pid, &wstatus, 0), pid);
  BOOST_TEST(WIFEXITED(wstatus));
  BOOST_TEST(WEXITSTATUS(wstatus) == 0);
  BOOST_TEST(ReadFile(err_path).empty());
}

BOOST_AUTO_TEST_CASE(comments_flag_adds_the_comments_key_and_keeps_the_body) {
  const std::string page = PITH_SOURCE_DIR "/fixtures/text/blog_comment_thread.txt";
  Run with = Pith({"clean", "--comments", page});
  Run without = Pith({"clean", page});
  BOOST_TEST(with.status == 0, with.err);
  const nlohmann::json on = nlohmann::json::parse(with.out);
  const nlohmann::json off = nlohmann::json::parse(without.out);
  BOOST_TEST(!off.contains("comments"));
  BOOST_TEST(on["text"] == off["text"]);
  const std::string comments = on["comments"];
  BOOST_TEST(comments.starts_with("Interesting! I've always pinched out"), comments);
  BOOST_TEST(comments.find("Reply") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(markdown_format_prints_a_document_per_record) {
  const std::string page = PITH_SOURCE_DIR "/fixtures/html/tables.html";
  Run r = Pith({"clean", "--format", "markdown", page, page});
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out.starts_with("# 2023 was the wettest year on record at Ashgill weather station\n\n"),
             r.out);
  BOOST_TEST(r.out.find("| Month | 2023 (mm) | 1991–2020 average (mm) | Difference |\n"
                        "| --- | --- | --- | --- |\n| January | 212.4 | 168.0 | +26% |\n") !=
             std::string::npos);
  const std::size_t feed = r.out.find("\n\f\n");
  BOOST_TEST_REQUIRE(feed != std::string::npos);
  BOOST_TEST(r.out.substr(0, feed + 1) == r.out.substr(feed + 3));
  // The last --format wins, and with it goes the Markdown.
  Run jsonl = Pith({"clean", "--format", "markdown", "--format", "jsonl", page});
  BOOST_TEST(jsonl.out.starts_with("{\"source\":"));
}
