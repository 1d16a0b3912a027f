#define BOOST_TEST_MODULE article_writer_test
#include "clean/article_writer.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

using pith::Article;
using pith::Status;

namespace {

std::string JsonString(std::string_view s) {
  std::string out;
  pith::AppendJsonString(s, &out);
  return out;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

BOOST_AUTO_TEST_CASE(unknown_fields_are_null_and_keys_keep_their_order) {
  Article a;
  a.source = "page.txt";
  a.text = "Body.";
  BOOST_TEST(pith::ToJsonLine(a) ==
             "{\"source\":\"page.txt\",\"url\":null,\"title\":null,\"date\":null,"
             "\"author\":null,\"sitename\":null,\"tags\":[],\"language\":null,"
             "\"description\":null,\"image\":null,\"charset\":null,\"text\":\"Body.\"}\n");
}

BOOST_AUTO_TEST_CASE(known_fields_are_written_in_key_order) {
  Article a;
  a.source = "dump.jsonl#2";
  a.fields.url = "https://example.org/a";
  a.fields.title = "Title";
  a.fields.date = "2024-06-12";
  a.fields.author = "Ann; Bob";
  a.fields.sitename = "Example";
  a.fields.tags = {"nato", "ukraine"};
  a.fields.language = "en";
  a.fields.description = "About.";
  a.fields.image = "https://example.org/a.jpg";
  a.charset = "windows-1251";
  a.text = "One.\n\nTwo.";
  BOOST_TEST(pith::ToJsonLine(a) ==
             "{\"source\":\"dump.jsonl#2\",\"url\":\"https://example.org/a\",\"title\":\"Title\","
             "\"date\":\"2024-06-12\",\"author\":\"Ann; Bob\",\"sitename\":\"Example\","
             "\"tags\":[\"nato\",\"ukraine\"],\"language\":\"en\",\"description\":\"About.\","
             "\"image\":\"https://example.org/a.jpg\",\"charset\":\"windows-1251\","
             "\"text\":\"One.\\n\\nTwo.\"}\n");
}

BOOST_AUTO_TEST_CASE(error_key_is_written_only_for_a_failed_record) {
  Article a;
  a.source = "dump.jsonl#3";
  a.status = Status::Corruption("dump.jsonl:3: malformed JSON: column 2: bad");
  std::string line = pith::ToJsonLine(a);
  BOOST_TEST(line.find(",\"text\":\"\",\"error\":\"corruption: dump.jsonl:3: malformed JSON: "
                       "column 2: bad\"}\n") != std::string::npos,
             line);
  a.status = Status::OK();
  BOOST_TEST(pith::ToJsonLine(a).find("\"error\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(quotes_backslashes_and_control_characters_are_escaped) {
  BOOST_TEST(JsonString("say \"hi\" \\ bye") == R"("say \"hi\" \\ bye")");
  BOOST_TEST(JsonString("a\nb\tc\rd\be\ff") == R"("a\nb\tc\rd\be\ff")");
  BOOST_TEST(JsonString(std::string("\x01\x1f\x00z", 4)) == R"("\u0001\u001f\u0000z")");
  // What JSON allows as is stays as is: DEL, '/', and UTF-8 beyond ASCII.
  BOOST_TEST(JsonString("\x7f/\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 \xE2\x80\x94 \xF0\x9F\x98\x80") ==
             "\"\x7f/\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 \xE2\x80\x94 \xF0\x9F\x98\x80\"");
}

BOOST_AUTO_TEST_CASE(ill_formed_utf8_becomes_replacement_characters) {
  const std::string kReplacement = "\xEF\xBF\xBD";
  BOOST_TEST(JsonString("caf\xE9!") == "\"caf" + kReplacement + "!\"");
  BOOST_TEST(JsonString("cut \xE2\x82") == "\"cut " + kReplacement + "\"");
  BOOST_TEST(JsonString("\xFFq\"") == "\"" + kReplacement + "q\\\"\"");
}

BOOST_AUTO_TEST_CASE(json_line_parses_back_to_the_article_whatever_its_bytes) {
  Article a;
  a.source = "odd\xC0name.txt";
  a.fields.title = "tab\there \"quoted\" \\ \x02";
  a.fields.tags = {"x\ny", "\xF5"};
  static constexpr char kText[] = "nul\0inside\xED\xA0\x80 surrogate";
  a.text = std::string(kText, sizeof(kText) - 1);
  a.status = Status::IOError("odd\xC0name.txt: Permission denied");
  std::string line = pith::ToJsonLine(a);
  BOOST_REQUIRE(!line.empty());
  BOOST_TEST(line.back() == '\n');
  BOOST_TEST(line.find('\n') == line.size() - 1);
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  BOOST_REQUIRE(j.is_object());
  BOOST_TEST(j["source"] == "odd\xEF\xBF\xBDname.txt");
  BOOST_TEST(j["title"] == "tab\there \"quoted\" \\ \x02");
  BOOST_TEST(j["tags"][0] == "x\ny");
  BOOST_TEST(j["tags"][1] == "\xEF\xBF\xBD");
  BOOST_TEST(j["text"].get<std::string>().rfind(std::string("nul\0inside\xEF\xBF\xBD", 13), 0) ==
             0u);
  BOOST_TEST(j["error"] == "I/O error: odd\xEF\xBF\xBDname.txt: Permission denied");
  BOOST_TEST(j["url"].is_null());
}

BOOST_AUTO_TEST_CASE(seed_leads_with_the_date_when_it_is_known) {
  Article a;
  a.text = "First paragraph.\n\nSecond.";
  BOOST_TEST(pith::ToSeed(a) == "First paragraph.\n\nSecond.");
  a.fields.date = "2024-06-12";
  BOOST_TEST(pith::ToSeed(a) == " date 2024-06-12 First paragraph.\n\nSecond.");
  a.status = Status::Empty("no article text found");
  a.text.clear();
  BOOST_TEST(pith::ToSeed(a) == "");
}

BOOST_AUTO_TEST_CASE(seed_matches_the_format_of_the_seed_examples) {
  const std::string seed = ReadFile(PITH_SOURCE_DIR "/fixtures/seeds/001_83923df24a278a15.txt");
  const std::string prefix = " date 2024-06-12 ";
  BOOST_REQUIRE(seed.rfind(prefix, 0) == 0);
  Article a;
  a.fields.date = "2024-06-12";
  a.text = seed.substr(prefix.size());
  BOOST_TEST(pith::ToSeed(a) == seed);
}

BOOST_AUTO_TEST_CASE(text_is_the_body_or_empty_on_error) {
  Article a;
  a.text = "Body.";
  a.fields.date = "2024-06-12";
  BOOST_TEST(pith::ToText(a) == "Body.");
  a.status = Status::Unsupported("binary data");
  BOOST_TEST(pith::ToText(a) == "");
}

BOOST_AUTO_TEST_CASE(output_format_names_parse_exactly) {
  pith::OutputFormat f = pith::OutputFormat::kText;
  BOOST_TEST(pith::ParseOutputFormat("jsonl", &f));
  BOOST_TEST((f == pith::OutputFormat::kJsonl));
  BOOST_TEST(pith::ParseOutputFormat("seed", &f));
  BOOST_TEST((f == pith::OutputFormat::kSeed));
  BOOST_TEST(pith::ParseOutputFormat("text", &f));
  BOOST_TEST((f == pith::OutputFormat::kText));
  for (const char* bad : {"", "JSONL", "json", "txt", "seed "}) {
    BOOST_TEST(!pith::ParseOutputFormat(bad, &f), bad);
  }
  BOOST_TEST((f == pith::OutputFormat::kText));
}

BOOST_AUTO_TEST_CASE(comments_key_follows_text_only_when_asked_for) {
  pith::Article a;
  a.source = "s";
  a.text = "Body.";
  a.comments = "First.\n\nSecond.";
  BOOST_TEST(pith::ToJsonLine(a).find("comments") == std::string::npos);
  const std::string line = pith::ToJsonLine(a, /*with_comments=*/true);
  BOOST_TEST(line.find(R"("text":"Body.","comments":"First.\n\nSecond."})") != std::string::npos,
             line);
  a.comments.clear();
  BOOST_TEST(pith::ToJsonLine(a, true).find(R"("comments":"")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(markdown_document_has_the_title_the_body_and_asked_for_comments) {
  pith::Article a;
  a.fields.title = "Headline";
  a.text = "Intro.\n\nItem";
  a.markdown = "Intro.\n\n- Item";
  a.comments = "First.\n\nSecond.";
  BOOST_TEST(pith::ToMarkdown(a) == "# Headline\n\nIntro.\n\n- Item");
  BOOST_TEST(pith::ToMarkdown(a, /*with_comments=*/true) ==
             "# Headline\n\nIntro.\n\n- Item\n\n## Comments\n\nFirst.\n\nSecond.");
  a.fields.title.clear();
  a.comments.clear();
  BOOST_TEST(pith::ToMarkdown(a, true) == "Intro.\n\n- Item");
  a.status = pith::Status::Empty("no article text found");
  BOOST_TEST(pith::ToMarkdown(a) == "");
  pith::OutputFormat f = pith::OutputFormat::kJsonl;
  BOOST_TEST(pith::ParseOutputFormat("markdown", &f));
  BOOST_TEST((f == pith::OutputFormat::kMarkdown));
}
