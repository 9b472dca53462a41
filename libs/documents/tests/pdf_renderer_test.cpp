// PDF output checked the way a person would read it: poppler's pdfinfo (pages, size) and pdftotext -layout (text).
#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "e1_example.hpp"
#include "safeloop/documents/pdf_renderer.hpp"
#include "test_support.hpp"

using namespace safeloop;
using namespace safeloop::documents;
using namespace safeloop::documents::testing;

namespace {

struct PdfFacts {
  int pages = 0;
  double width = 0;  // points
  double height = 0;
  std::string title;
  std::vector<std::string> page_texts;  // pdftotext -layout, runs of spaces collapsed to one
  std::string text;                     // all pages
};

std::string CollapseSpaces(const std::string& text) {
  return std::regex_replace(text, std::regex(" +"), " ");
}

std::string Rendered(const Document& document, const PdfOptions& options = {}) {
  auto bytes = RenderPdf(document, options);
  INFO(bytes.status().ToString());
  REQUIRE(bytes.ok());
  CHECK(bytes->rfind("%PDF-", 0) == 0);
  return *bytes;
}

// nullopt (with a warning) when poppler-utils are not installed.
std::optional<PdfFacts> Inspect(const std::string& pdf) {
  if (!HasTool("pdfinfo") || !HasTool("pdftotext")) {
    WARN("poppler-utils (pdfinfo, pdftotext) are not installed: the PDF's pages and text are not checked");
    return std::nullopt;
  }
  TempPath file(".pdf");
  file.Write(pdf);
  auto info = Run("pdfinfo '" + file.string() + "'");
  REQUIRE(info.has_value());
  PdfFacts facts;
  std::smatch match;
  if (std::regex_search(*info, match, std::regex("Pages: +([0-9]+)"))) facts.pages = std::stoi(match[1]);
  if (std::regex_search(*info, match, std::regex("Page size: +([0-9.]+) x ([0-9.]+) pts"))) {
    facts.width = std::stod(match[1]);
    facts.height = std::stod(match[2]);
  }
  if (std::regex_search(*info, match, std::regex("Title: +([^\n]*)"))) facts.title = match[1];
  auto text = Run("pdftotext -layout -enc UTF-8 '" + file.string() + "' -");
  REQUIRE(text.has_value());
  facts.text = CollapseSpaces(*text);
  std::stringstream pages(facts.text);
  for (std::string page; std::getline(pages, page, '\f');) facts.page_texts.push_back(page);
  // pdftotext ends the last page with a form feed too.
  while (facts.page_texts.size() > static_cast<std::size_t>(facts.pages) &&
         facts.page_texts.back().find_first_not_of(" \n") == std::string::npos) {
    facts.page_texts.pop_back();
  }
  return facts;
}

// The 1-based page whose text contains `needle`, 0 when none.
int PageOf(const PdfFacts& facts, const std::string& needle) {
  for (std::size_t p = 0; p < facts.page_texts.size(); ++p) {
    if (facts.page_texts[p].find(needle) != std::string::npos) return static_cast<int>(p + 1);
  }
  return 0;
}

std::string PageNumber(int page, int pages) {
  return "第 " + std::to_string(page) + " 页 共 " + std::to_string(pages) + " 页";
}

Document TwoColumnTable(std::vector<std::vector<Cell>> body) {
  Document document;
  document.title = "长内容测试";
  document.body = Table{{{8}, {40, Align::kLeft}}, {{{"序号"}, {"内容"}}}, std::move(body)};
  return document;
}

}  // namespace

TEST_CASE("the E.1 ledger renders to landscape A4 pages with the header on each and every row once", "[unit]") {
  Document document = E1Document();
  const Table& table = std::get<Table>(document.body);
  auto facts = Inspect(Rendered(document));
  if (!facts) return;

  INFO(facts->text);
  CHECK(facts->pages > 1);
  REQUIRE(facts->page_texts.size() == static_cast<std::size_t>(facts->pages));
  CHECK(facts->width == Approx(841.89).margin(0.5));  // A4 landscape
  CHECK(facts->height == Approx(595.28).margin(0.5));
  CHECK(facts->title == "XXXX企业（单位）风险点分级管控台账");

  CHECK(Count(facts->text, "XXXX企业（单位）风险点分级管控台账") == 1);  // the title heads page 1 only
  CHECK(PageOf(*facts, "企业名称：临港精细化工有限公司") == 1);
  for (int p = 1; p <= facts->pages; ++p) {
    const std::string& page = facts->page_texts[static_cast<std::size_t>(p - 1)];
    INFO("page " << p);
    for (const char* word : {"风险点位置", "管控责任", "检查频次", "隐患检查事项", "风险管控措施", "一级单元", "单位", "岗位"}) {
      INFO(word);
      CHECK(page.find(word) != std::string::npos);  // header rows repeated
    }
    CHECK(page.find(PageNumber(p, facts->pages)) != std::string::npos);
  }
  CHECK(facts->text.find(PageNumber(1, facts->pages)) != std::string::npos);

  // Every body row exactly once, in order, and a risk point never torn from its measures.
  int page_so_far = 1;
  std::size_t row = 0;
  for (int i = 1; i <= kE1RiskPoints; ++i) {
    int group_page = PageOf(*facts, E1Serial(i));
    for (int j = 0; j < kE1Measures[static_cast<std::size_t>(i - 1)]; ++j, ++row) {
      std::string key = E1RowKey(table, row);
      INFO("body row " << row + 1 << ": " << key);
      CHECK(Count(facts->text, key) == 1);
      CHECK(PageOf(*facts, key) == group_page);
    }
    CHECK(group_page >= page_so_far);
    page_so_far = group_page;
  }
  CHECK(row == 60);
  CHECK(PageOf(*facts, "审核人：王芳") == facts->pages);  // the signatures follow the last row
  CHECK(PageOf(*facts, "编制日期：2026年3月18日") == facts->pages);
}

TEST_CASE("a short portrait document is one portrait page", "[unit]") {
  Document document = TwoColumnTable({{{"1"}, {"储罐区液位计失灵"}}});
  document.subtitles = {"第0012号风险点清单"};
  auto facts = Inspect(Rendered(document));
  if (!facts) return;
  CHECK(facts->pages == 1);
  CHECK(facts->width == Approx(595.28).margin(0.5));
  CHECK(facts->height == Approx(841.89).margin(0.5));
  CHECK(facts->text.find("长内容测试") != std::string::npos);
  CHECK(facts->text.find("第0012号风险点清单") != std::string::npos);
  CHECK(facts->text.find("储罐区液位计失灵") != std::string::npos);
  CHECK(facts->text.find(PageNumber(1, 1)) != std::string::npos);
}

TEST_CASE("a row taller than a page continues on the next pages without losing a line", "[unit]") {
  std::string long_text;
  for (int k = 1; k <= 150; ++k) long_text += (k > 1 ? "\n" : "") + std::string("第") + std::to_string(k) + "行";
  Document document = TwoColumnTable({{{"甲"}, {"短行"}}, {{"乙"}, {long_text}}, {{"丙"}, {"末行"}}});
  auto facts = Inspect(Rendered(document));
  if (!facts) return;
  CHECK(facts->pages >= 3);
  int previous = 1;
  for (int k = 1; k <= 150; ++k) {
    std::string line = "第" + std::to_string(k) + "行";
    INFO(line);
    CHECK(Count(facts->text, line) == 1);
    int page = PageOf(*facts, line);
    CHECK(page >= previous);
    previous = page;
  }
  CHECK(previous > 1);
  for (const char* key : {"甲", "乙", "丙", "短行", "末行"}) CHECK(Count(facts->text, key) == 1);
  CHECK(PageOf(*facts, "末行") == facts->pages);
  for (const std::string& page : facts->page_texts) CHECK(page.find("内容") != std::string::npos);  // header repeated
}

TEST_CASE("a group of rows taller than a page breaks between rows and repeats its merged cell", "[unit]") {
  std::vector<std::vector<Cell>> body;
  for (int k = 1; k <= 80; ++k) {
    std::vector<Cell> row;
    if (k == 1) row.push_back({"组甲", 80});
    row.push_back({"条目" + std::to_string(k) + "号"});
    body.push_back(std::move(row));
  }
  auto facts = Inspect(Rendered(TwoColumnTable(std::move(body))));
  if (!facts) return;
  CHECK(facts->pages >= 2);
  for (int k = 1; k <= 80; ++k) {
    std::string key = "条目" + std::to_string(k) + "号";
    INFO(key);
    CHECK(Count(facts->text, key) == 1);
  }
  CHECK(PageOf(*facts, "组甲") == 1);
  CHECK(Count(facts->text, "组甲（续）") == facts->pages - 1);
}

TEST_CASE("a card (G.1) renders on one page with its signs", "[unit]") {
  TempPath sign(".png");
  WriteSignPng(sign.string(), 200);
  Document document;
  document.body = Card{"重大安全风险公告栏",
                       kRiskRed,
                       {{{"风险点位置", "液氨罐区"}},
                        {{"主要风险因素", "液氨泄漏"}},
                        {{"可能导致的事故类型", "中毒和窒息、火灾、爆炸"}},
                        {{"主要管控措施", "双液位计、紧急切断阀、可燃及有毒气体报警"}},
                        {{"主要应急措施", "切断泄漏源，开启水喷淋，疏散下风向人员"}}},
                       {sign.string(), sign.string(), sign.string()},
                       "（安全标志应符合GB 2894的相关规定）"};
  auto facts = Inspect(Rendered(document));
  if (!facts) return;
  CHECK(facts->pages == 1);
  for (const char* text : {"重大安全风险公告栏", "风险点位置", "液氨罐区", "主要应急措施", "安全标志应符合"}) {
    INFO(text);
    CHECK(facts->text.find(text) != std::string::npos);
  }
}

TEST_CASE("PDF rendering refuses bad options, oversized headers and unreadable signs", "[unit]") {
  Document document = TwoColumnTable({{{"1"}, {"内容"}}});
  PdfOptions tiny;
  tiny.body_font_size = 2;
  CHECK(RenderPdf(document, tiny).status().field() == "body_font_size");
  PdfOptions margin;
  margin.margin_mm = 80;
  CHECK(RenderPdf(document, margin).status().field() == "margin_mm");

  std::string tall;
  for (int k = 0; k < 200; ++k) tall += "表头\n";
  Document header = TwoColumnTable({{{"1"}, {"内容"}}});
  std::get<Table>(header.body).header_rows[0][1].text = tall;
  auto refused = RenderPdf(header);
  CHECK(refused.status().code() == StatusCode::kInvalidArgument);
  CHECK(refused.status().field() == "table.header_rows");

  Document invalid = E1Document();
  std::get<Table>(invalid.body).columns[0].width = 0;
  CHECK(RenderPdf(invalid).status() == Validate(invalid));

  Document card;
  card.body = Card{"公告栏", std::nullopt, {{{"位置", "罐区"}}}, {"/nonexistent/sign.png"}};
  auto missing = RenderPdf(card);
  CHECK(missing.status().field() == "card.sign_images[0]");
}

TEST_CASE("the same document renders to the same PDF apart from its creation date", "[unit]") {
  auto strip_dates = [](std::string pdf) {
    return std::regex_replace(pdf, std::regex("/(CreationDate|ModDate) \\([^)]*\\)"), "");
  };
  Document document = E1Document();
  CHECK(strip_dates(Rendered(document)) == strip_dates(Rendered(document)));
}
