// git pre-commit hook: validate the staged decision records.
#include "decision/hook/run.hpp"

int main() {
    return decision::hook::run("pre-commit", [] { return decision::hook::pre_commit(std::cerr); });
}
