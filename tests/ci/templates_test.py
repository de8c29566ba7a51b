#!/usr/bin/python3
"""The CI templates' shell steps, run as the runners run them, against real git
repositories: the GitHub Action's steps (bash --noprofile --norc -eo pipefail, with a stub
`gh` that plays GitHub's API) and the GitLab component's job scripts.

Usage: templates_test.py <scripts/ci> <folder holding git-decision>

Covers what cannot be seen by reading the YAML: the notes ref is fetched when origin has
it, its absence is a notice and any other failure fails the step; a shallow clone is
unshallowed; the sticky comment is found by marker *and* author and updated; a read-only
(fork) token makes posting fail without failing the job, and says so in the summary. On
GitLab: a merge request checks --base the target, the default branch checks what the push
added, and the Code Quality report is written either way.
"""

import os
import pathlib
import subprocess
import sys
import tempfile

import yaml

failures = []


def step(action, name):
    for s in action["runs"]["steps"]:
        if s.get("name") == name:
            return s["run"]
    raise SystemExit(f"action.yml has no step named {name!r}")


def run_step(script, cwd, env, expect_ok=True):
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                          cwd=cwd, env=env, capture_output=True, text=True)
    if (done.returncode == 0) != expect_ok:
        failures.append(f"step exited {done.returncode}, expected {'0' if expect_ok else 'non-zero'}:"
                        f"\n{done.stdout}{done.stderr}")
    return done


def git(*args, cwd=None, env=None):
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


def expect(condition, message):
    if not condition:
        failures.append(message)


def main(argv):
    ci_dir = pathlib.Path(argv[1])
    action = yaml.safe_load((ci_dir / "action.yml").read_text(encoding="utf-8"))
    spec, gitlab = yaml.safe_load_all((ci_dir / "gitlab-ci.yml").read_text(encoding="utf-8"))
    job = gitlab["git-decision"]
    expect(set(spec["spec"]["inputs"]) >= {"stage", "image", "deb", "source", "version"},
           f"the GitLab component's inputs: {spec}")
    expect({"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"} in job["rules"],
           "the GitLab job does not run on the default branch")
    tools = str(pathlib.Path(argv[2]).resolve())
    fetch = step(action, "Fetch the history, the base branch and the decision notes")
    check = step(action, "Check the pull request")
    comment = step(action, "Post or update the sticky PR comment")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        env = dict(os.environ, HOME=str(tmp), GIT_CONFIG_NOSYSTEM="1",
                   GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.com",
                   GIT_COMMITTER_NAME="T", GIT_COMMITTER_EMAIL="t@example.com",
                   PATH=f"{tools}:{os.environ['PATH']}", RUNNER_TEMP=str(tmp))
        for k in ("GIT_DIR", "GIT_WORK_TREE"):
            env.pop(k, None)
        origin, work = tmp / "origin.git", tmp / "work"
        git("init", "-q", "--bare", "-b", "main", str(origin), env=env)
        git("clone", "-q", str(origin), str(work), env=env)
        for i in range(3):
            git("commit", "-q", "--allow-empty", "-m", f"c{i}", cwd=work, env=env)
        git("push", "-q", "origin", "HEAD:main", cwd=work, env=env)
        git("checkout", "-q", "-b", "feature", cwd=work, env=env)
        git("commit", "-q", "--allow-empty", "-m", "feature", cwd=work, env=env)

        def step_env(**extra):
            out = tmp / "output"
            out.write_text("")
            (tmp / "summary").write_text("")
            return dict(env, GITHUB_OUTPUT=str(out), GITHUB_STEP_SUMMARY=str(tmp / "summary"),
                        **extra)

        # 1. No notes on origin: a notice, and the step succeeds.
        done = run_step(fetch, work, step_env(BASE="main"))
        expect("origin has no refs/notes/decisions" in done.stdout, f"no notice: {done.stdout}")
        expect("base=main" in (tmp / "output").read_text(), "no base output")

        # 2. Notes on origin: fetched.
        git("notes", "--ref=decisions", "add", "-m", "Decision: DEC-0001", "HEAD~1", cwd=work, env=env)
        git("push", "-q", "origin", "refs/notes/decisions", cwd=work, env=env)
        git("update-ref", "-d", "refs/notes/decisions", cwd=work, env=env)
        run_step(fetch, work, step_env(BASE="main"))
        expect(git("rev-parse", "--verify", "-q", "refs/notes/decisions", cwd=work, env=env).strip(),
               "refs/notes/decisions was not fetched")

        # 3. An unreachable origin is an error, not "no notes".
        broken = tmp / "broken"
        git("clone", "-q", str(origin), str(broken), env=env)
        git("remote", "set-url", "origin", str(tmp / "missing.git"), cwd=broken, env=env)
        run_step(fetch, broken, step_env(BASE="main"), expect_ok=False)

        # 4. A shallow clone is unshallowed.
        shallow = tmp / "shallow"
        git("clone", "-q", "--depth", "1", f"file://{origin}", str(shallow), env=env)
        run_step(fetch, shallow, step_env(BASE="main"))
        expect(git("rev-parse", "--is-shallow-repository", cwd=shallow, env=env).strip() == "false",
               "the shallow clone was not unshallowed")

        # 5. The check: exit-code output and the Markdown report for the comment.
        run_step(check, work, step_env(BASE="main"))
        expect("exit-code=0" in (tmp / "output").read_text(), "no exit-code=0 output")
        report = tmp / "git-decision.md"
        expect(report.is_file() and report.read_text().startswith("<!-- git-decision -->"),
               "no Markdown report starting with the marker")

        # 6. The sticky comment: a stub gh plays the API and logs what it was asked.
        bin_dir = tmp / "bin"
        bin_dir.mkdir()
        gh = bin_dir / "gh"
        gh.write_text("""#!/bin/bash
echo "gh $*" >> "$GH_LOG"
case "$*" in
"api user --jq .login") exit 1 ;;  # the GITHUB_TOKEN may not ask who it is
*"--paginate"*)
    # Another user's comment with our marker comes first: it must not be taken.
    printf '%s\\n' 11 ;  # what --jq prints for the comments matching the filter
    echo "$*" > "$GH_LOG.filter" ;;
*"--method PATCH"*|*"--method POST"*) [ -z "$GH_READ_ONLY" ] || { echo "HTTP 403" >&2; exit 1; } ;;
esac
""")
        gh.chmod(0o755)
        log = tmp / "gh.log"
        cenv = step_env(GH_TOKEN="t", REPO="o/r", PR="7", GH_LOG=str(log), GH_READ_ONLY="",
                        PATH=f"{bin_dir}:{env['PATH']}")
        run_step(comment, work, cenv)
        calls = log.read_text()
        expect("gh api --method PATCH repos/o/r/issues/comments/11" in calls, f"no PATCH: {calls}")
        jq = (tmp / "gh.log.filter").read_text()
        expect('.user.login == "github-actions[bot]"' in jq and "<!-- git-decision -->" in jq,
               f"the comment is not found by author and marker: {jq}")

        # 7. A fork's read-only token: a warning and a summary line, not a failure.
        log.write_text("")
        cenv["GH_READ_ONLY"] = "1"
        done = run_step(comment, work, cenv)
        expect("::warning::could not post the PR comment" in done.stdout, f"no warning: {done.stdout}")
        expect("could not post its PR comment" in (tmp / "summary").read_text(),
               "the job summary does not say the comment was not posted")

        # 8. GitLab: the notes fetch, then the job script in an MR and on the default branch.
        gl_notes, gl_script = job["before_script"][1], job["script"][0]
        git("update-ref", "-d", "refs/notes/decisions", cwd=work, env=env)
        run_step(gl_notes, work, dict(env))
        expect(git("rev-parse", "--verify", "-q", "refs/notes/decisions", cwd=work, env=env).strip(),
               "GitLab: refs/notes/decisions was not fetched")
        report = work / "gl-code-quality-report.json"
        for name, extra in {
            "merge request": {"CI_PIPELINE_SOURCE": "merge_request_event",
                              "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"},
            "push to the default branch": {"CI_PIPELINE_SOURCE": "push",
                                           "CI_COMMIT_BEFORE_SHA": git("rev-parse", "HEAD~1", cwd=work, env=env).strip(),
                                           "CI_COMMIT_SHA": git("rev-parse", "HEAD", cwd=work, env=env).strip()},
            "new branch": {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BEFORE_SHA": "0" * 40,
                           "CI_COMMIT_SHA": git("rev-parse", "HEAD", cwd=work, env=env).strip()},
        }.items():
            report.unlink(missing_ok=True)
            done = run_step(gl_script, work, dict(env, **extra))
            expect(report.is_file() and report.read_text().strip().startswith("["),
                   f"GitLab, {name}: no Code Quality report: {done.stdout}{done.stderr}")
        # A failing check still writes the report, and fails the job.
        (work / "decisions").mkdir(exist_ok=True)
        (work / "decisions" / "policy.toml").write_text("bogus = 1\n")
        git("add", "decisions/policy.toml", cwd=work, env=env)
        git("commit", "-q", "-m", "a broken policy", cwd=work, env=env)
        report.unlink(missing_ok=True)
        run_step(gl_script, work, dict(env, CI_PIPELINE_SOURCE="schedule"), expect_ok=False)
        expect(report.is_file() and "invalid-policy" in report.read_text(),
               "GitLab: an invalid policy did not reach the report")

    for f in failures:
        print(f"FAIL {f}")
    print("CI templates: " + ("all cases passed" if not failures else f"{len(failures)} failed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
