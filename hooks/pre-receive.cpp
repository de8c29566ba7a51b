// git pre-receive hook [--policy FILE] [--allow-no-policy], on the server: every commit a push adds
// to an enforced ref must be covered. GIT_DECISION_SKIP does not apply here: this is the check that
// the local hooks' skip defers to.
#include "decision/hook/run.hpp"

#include <string>

int main(int argc, char** argv) {
    return decision::hook::run(
        "pre-receive",
        [&]() -> decision::util::Result<int> {
            std::string policy;
            bool allow_no_policy = false;
            bool policy_given = false;
            for (int i = 1; i < argc; ++i) {
                std::string arg = argv[i];
                if (arg == "--allow-no-policy")
                    allow_no_policy = true;
                else if (arg == "--policy" && i + 1 < argc)
                    policy = argv[++i], policy_given = true;
                else if (arg.rfind("--policy=", 0) == 0)
                    policy = arg.substr(9), policy_given = true;
                else
                    return decision::util::fail(
                        decision::util::ErrorKind::Usage,
                        "usage: pre-receive [--policy FILE] [--allow-no-policy]");
            }
            if (policy_given && policy.empty())
                return decision::util::fail(decision::util::ErrorKind::Usage,
                                            "--policy needs a file name");
            return decision::hook::pre_receive(policy, std::cin, std::cerr, allow_no_policy);
        },
        /*skippable=*/false);
}
