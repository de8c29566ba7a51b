#include "decision/report/record_view.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_report_record_view_test {

using namespace decision;

// Multi-line text (imported ADR sections) keeps its lines and blank lines, indented, and
// control characters are still escaped.
TEST(RecordViewText, StatementKeepsLineBreaks) {
    record::Record r;
    r.id = "DEC-0001";
    r.title = "T";
    r.owner.name = "O";
    r.problem.statement = "First line\n\nLinks:\n* one\x1b[2J";
    std::string text = report::render_text(r);
    EXPECT_NE(text.find("Problem\n  First line\n\n  Links:\n  * one\\x1B[2J\n"), std::string::npos)
        << text;
}

} // namespace t_unit_report_record_view_test
