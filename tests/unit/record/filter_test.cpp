// record::matches, search, covers_model, is_open and in_force: which records list, search
// and at show.
#include "decision/record/filter.hpp"

#include <gtest/gtest.h>

namespace decision::record {
namespace {

using namespace std::chrono_literals;

Record sample() {
    Record r;
    r.id = "DEC-0042";
    r.title = "Ship the GBT ranker";
    r.category = Category::ModelSelection;
    r.status = Status::Accepted;
    r.review_date = Date{2026y, std::chrono::December, 10d};
    r.tags = {"Ranking", "q4"};
    r.owner = {"Ada Lovelace", "PM", "ada@example.com"};
    r.scope.paths = {"models/ranker/**"};
    r.scope.models = {"ranker"};
    r.models = {{"reranker", "2"}};
    r.problem.statement = "Latency is too high";
    r.decision.summary = "Use GBT";
    r.decision.rationale = "Cheaper to serve";
    r.options = {{"DNN", "", false, "too slow", {}, {}, {}}};
    return r;
}

TEST(Filter, EachCriterionNarrows) {
    const Record r = sample();
    const Date today{2026y, std::chrono::November, 29d};
    struct Case {
        const char* what;
        Filter f;
        bool shown;
    };
    Filter any;
    auto with = [&](auto change) {
        Filter f = any;
        f.today = today;
        change(f);
        return f;
    };
    const Case cases[] = {
        {"nothing asked", with([](Filter&) {}), true},
        {"category", with([](Filter& f) { f.category = Category::ModelSelection; }), true},
        {"other status", with([](Filter& f) { f.status = Status::Proposed; }), false},
        {"owner name part", with([](Filter& f) { f.owner = "LOVE"; }), true},
        {"owner email part", with([](Filter& f) { f.owner = "ada@"; }), true},
        {"other owner", with([](Filter& f) { f.owner = "bob"; }), false},
        {"tag any case", with([](Filter& f) { f.tag = "ranking"; }), true},
        {"tag part is not a tag", with([](Filter& f) { f.tag = "rank"; }), false},
        {"model in scope", with([](Filter& f) { f.model = "ranker"; }), true},
        {"model in [[models]]", with([](Filter& f) { f.model = "reranker"; }), true},
        {"other model", with([](Filter& f) { f.model = "classifier"; }), false},
        {"path in scope", with([](Filter& f) { f.path = "models/ranker/m.onnx"; }), true},
        {"path outside", with([](Filter& f) { f.path = "models/other.onnx"; }), false},
        {"not overdue yet", with([](Filter& f) { f.overdue = true; }), false},
        {"due within 11 days", with([](Filter& f) { f.due_within_days = 11; }), true},
        {"due in 11 days, not within 10", with([](Filter& f) { f.due_within_days = 10; }), false},
    };
    for (const auto& c : cases)
        EXPECT_EQ(matches(r, c.f), c.shown) << c.what;
}

TEST(Filter, OverdueOnlyForOpenRecordsWithAReviewDate) {
    Record r = sample();
    Filter f;
    f.overdue = true;
    f.today = Date{2027y, std::chrono::January, 1d};
    EXPECT_TRUE(matches(r, f));
    r.status = Status::Superseded;
    EXPECT_FALSE(is_open(r));
    EXPECT_FALSE(matches(r, f));
    r.status = Status::Proposed;
    r.review_date.reset();
    EXPECT_FALSE(matches(r, f));
}

TEST(Search, NamesTheFieldsThatHold) {
    const Record r = sample();
    EXPECT_EQ(search(r, "GBT"), (std::vector<std::string>{"title", "summary"}));
    EXPECT_EQ(search(r, "dec-0042"), std::vector<std::string>{"title"});
    EXPECT_EQ(search(r, "latency"), std::vector<std::string>{"problem"});
    EXPECT_EQ(search(r, "cheaper"), std::vector<std::string>{"rationale"});
    EXPECT_EQ(search(r, "too slow"), std::vector<std::string>{"options"});
    EXPECT_EQ(search(r, "Q4"), std::vector<std::string>{"tags"});
    EXPECT_TRUE(search(r, "").empty());
    EXPECT_TRUE(search(r, "nothing like it").empty());
}

std::string text(const std::string& id, const std::string& status,
                 const std::string& supersedes = "") {
    return "id = \"" + id + "\"\ntitle = \"T\"\ncategory = \"MODEL SELECTION\"\nstatus = \"" +
           status + "\"\ndate = 2026-11-27\n" +
           (supersedes.empty() ? "" : "supersedes = [\"" + supersedes + "\"]\n") +
           "\n[owner]\nname = \"A\"\n";
}

std::vector<std::string> ids(const std::vector<const Record*>& records) {
    std::vector<std::string> out;
    for (const auto* r : records)
        out.push_back(r->id);
    return out;
}

TEST(InForce, AcceptedAndNotSupersededByAnAcceptedRecord) {
    auto c = load({
        {"decisions/DEC-10000-z.toml", text("DEC-10000", "accepted")},
        {"decisions/DEC-0001-a.toml", text("DEC-0001", "accepted")},
        {"decisions/DEC-0002-b.toml", text("DEC-0002", "accepted")},
        {"decisions/DEC-0003-c.toml", text("DEC-0003", "accepted", "DEC-0002")},
        {"decisions/DEC-0004-d.toml", text("DEC-0004", "proposed", "DEC-0001")},
        {"decisions/DEC-0005-e.toml", text("DEC-0005", "rejected")},
        {"decisions/DEC-9999-y.toml", text("DEC-9999", "superseded")},
    });
    ASSERT_EQ(c.records.size(), 7u);
    // A proposed successor replaces nothing yet; the longer ID sorts after the shorter.
    EXPECT_EQ(ids(in_force(c)), (std::vector<std::string>{"DEC-0001", "DEC-0003", "DEC-10000"}));
    EXPECT_TRUE(in_force(Catalog{}).empty());
}

} // namespace
} // namespace decision::record
