#include "decision/model/tag.hpp"

#include <gtest/gtest.h>

namespace decision::model {
namespace {

Tag version(std::string name, std::string v) {
    Tag t;
    t.name = std::move(name);
    t.version = std::move(v);
    return t;
}

Tag stage(std::string name, std::string s, int n = 0) {
    Tag t;
    t.kind = Tag::Kind::Stage;
    t.name = std::move(name);
    t.stage = std::move(s);
    t.number = n;
    return t;
}

TEST(ModelTag, VersionTag) {
    EXPECT_EQ(parse_tag("fraud-detector@v3.2.0"), version("fraud-detector", "3.2.0"));
    EXPECT_EQ(parse_tag("models/fraud@v1.0.0-rc.1+build.5"),
              version("models/fraud", "1.0.0-rc.1+build.5"));
}

TEST(ModelTag, StageTags) {
    EXPECT_EQ(parse_tag("fraud-detector#prod"), stage("fraud-detector", "prod"));
    EXPECT_EQ(parse_tag("fraud-detector#staging#12"), stage("fraud-detector", "staging", 12));
}

TEST(ModelTag, MalformedNamesAreIgnored) {
    for (const char* bad :
         {"@v",           "@v1.0.0",      "name@",          "name@v",       "name@1.0.0",
          "name@vx",      "name@v1.",     "fraud det@v1.0", "fraud@v1.0 ",  "#prod",
          "name#",        "name##2",      "name#prod#",     "name#prod#x",  "name#pro d",
          "name#prod!#3", "name@v1.0.0!", "v1.2.3",         "release-2024", "",
          "/name@v1"})
        EXPECT_EQ(parse_tag(bad), std::nullopt) << bad;
}

TEST(ModelTag, PlainVersionDropsTheV) {
    EXPECT_EQ(plain_version("v1.2.3"), "1.2.3");
    EXPECT_EQ(plain_version("1.2.3"), "1.2.3");
    EXPECT_EQ(plain_version("vnext"), "vnext");
}

TEST(ModelRegistry, VersionWithItsStages) {
    Registry reg({{"fraud@v1.0.0", "aaa"},
                  {"fraud@v2.0.0", "bbb"},
                  {"fraud#prod#1", "aaa"},
                  {"fraud#prod#2", "bbb"},
                  {"fraud#staging", "aaa"},
                  {"other#prod", "aaa"},
                  {"not a tag", "aaa"}});
    auto v1 = reg.version("fraud", "v1.0.0");
    ASSERT_TRUE(v1);
    EXPECT_EQ(v1->tag, "fraud@v1.0.0");
    EXPECT_EQ(v1->commit, "aaa");
    EXPECT_EQ(v1->stages, (std::vector<StageAssignment>{{"prod", "fraud#prod#1", 1, false},
                                                        {"staging", "fraud#staging", 0, true}}));
    auto v2 = reg.version("fraud", "2.0.0");
    ASSERT_TRUE(v2);
    EXPECT_EQ(v2->stages, (std::vector<StageAssignment>{{"prod", "fraud#prod#2", 2, true}}));
    EXPECT_EQ(reg.version("fraud", "3.0.0"), std::nullopt);
    EXPECT_EQ(reg.version("other", "1.0.0"), std::nullopt);
}

} // namespace
} // namespace decision::model
