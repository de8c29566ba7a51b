#!/usr/bin/python3
"""`git decision export --format madr` read the way its readers read it.

Usage: madr_test.py <git-decision binary>

Builds a repository whose records carry hostile text (Markdown and YAML syntax, HTML,
control characters), exports the MADR folder, then reads every file back with real
parsers: the front matter with PyYAML (python3-yaml), the Markdown with cmark-gfm
(GitHub's CommonMark with its table and strikethrough extensions). Asserts that every
string comes back as the text it was, that nothing from the repository became markup,
that each record has MADR 4's sections, and that the index strikes superseded records.
Prints one line per failure; exits 1 on any.
"""

import html
import html.parser
import os
import pathlib
import subprocess
import sys
import tempfile

import yaml

MADR_SECTIONS = [
    "Context and Problem Statement",
    "Decision Drivers",
    "Considered Options",
    "Decision Outcome",
    "Pros and Cons of the Options",
    "More Information",
]

TITLE = "<Feast> & friends: #1 *now* _x_ | [click](javascript:alert(1)) `code` <!-- c -->"
OWNER = "Ann \"O'Brien\": # lead - [x] {y} &z *w"
METRIC = "recall | precision"
OPTION = "<img src=x onerror=alert(1)> ~~gone~~"

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL:", message)


def toml_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


RECORD_1 = f"""id = "DEC-0001"
title = {toml_string(TITLE)}
category = "MODEL SELECTION"
status = "superseded"
date = 2026-11-02
review_date = 2027-01-15

[owner]
name = {toml_string(OWNER)}
email = "ann@example.com"

[scope]
models = ["fraud-detector"]

[problem]
statement = "First line with <b>bold</b>.\\n- not a list\\n\\n1. not ordered either"

[[problem.baseline]]
metric = {toml_string(METRIC)}
value = 0.71
source = "https://example.com/a|b"

[[options]]
name = {toml_string(OPTION)}
chosen = true
metrics = {{ recall = 0.86 }}

[[options]]
name = "Keep it"
rejected_because = "It is <i>slow</i>"

[decision]
summary = "Ship it"
rationale = "it *wins*"
tradeoffs = ["More | reviews"]
priorities = {{ performance = 0.6, cost = 0.4 }}

[[stakeholders]]
name = "Cy: *the* reviewer"
stance = "concern"

[[links]]
kind = "mlflow-run"
url = "runs:/4f2e8a1b"
title = "Run ]( evil"

[[links]]
kind = "notebook"
url = "javascript:alert(1)"
"""

RECORD_2 = """id = "DEC-0002"
title = "The successor"
category = "MODEL SELECTION"
status = "accepted"
date = 2026-12-01
supersedes = ["DEC-0001"]

[owner]
name = "Bo"
"""


class Html(html.parser.HTMLParser):
    """The tags cmark-gfm produced and the text of each heading."""

    def __init__(self):
        super().__init__()
        self.tags = []
        self.headings = []  # (level, text)
        self._heading = None
        self.cells_per_row = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("h1", "h2", "h3"):
            self._heading = [int(tag[1]), ""]
        if tag == "tr":
            self.cells_per_row.append(0)
        if tag in ("td", "th"):
            self.cells_per_row[-1] += 1

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3") and self._heading:
            self.headings.append(tuple(self._heading))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data


def render(markdown):
    out = subprocess.run(
        ["cmark-gfm", "--extension", "table", "--extension", "strikethrough"],
        input=markdown, capture_output=True, text=True, check=True)
    parsed = Html()
    parsed.feed(out.stdout)
    return out.stdout, parsed


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        repo = pathlib.Path(tmp) / "repo"
        env = dict(os.environ, GIT_AUTHOR_NAME="A U Thor", GIT_AUTHOR_EMAIL="author@example.com",
                   GIT_COMMITTER_NAME="A U Thor", GIT_COMMITTER_EMAIL="author@example.com",
                   GIT_CONFIG_NOSYSTEM="1", HOME=tmp)
        subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, env=env)
        (repo / "decisions").mkdir()
        (repo / "decisions/DEC-0001-feast.toml").write_text(RECORD_1)
        (repo / "decisions/DEC-0002-successor.toml").write_text(RECORD_2)
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
        subprocess.run(["git", "commit", "-q", "-m", "Records\n\nDecision: DEC-0001\n"],
                       cwd=repo, check=True, env=env)
        done = subprocess.run([binary, "export", "--format", "madr", "-o", "adr"], cwd=repo,
                              env=env, capture_output=True, text=True)
        check(done.returncode == 0, f"export exited {done.returncode}: {done.stderr}")
        out = repo / "adr"
        names = sorted(p.name for p in out.iterdir())
        check(names == ["0001-feast-friends-1-now-x-click-javascript-alert-1-c.md",
                        "0002-the-successor.md", "index.md"], f"files: {names}")
        for name in names:
            if name == "index.md":
                continue
            text = (out / name).read_text()
            check(text.startswith("---\n"), f"{name}: no front matter")
            meta_text, body = text[4:].split("\n---\n", 1)
            meta = yaml.safe_load(meta_text)
            for key in ("status", "date", "decision-makers", "consulted", "informed", "id",
                        "category", "models"):
                check(key in meta, f"{name}: front matter has no {key}")
            rendered, page = render(body)
            h2 = [t for level, t in page.headings if level == 2]
            check(h2 == MADR_SECTIONS, f"{name}: sections {h2}")
            h1 = [t for level, t in page.headings if level == 1]
            if name.startswith("0001"):
                check(meta["status"] == "superseded by DEC-0002", f"status {meta['status']!r}")
                check(meta["decision-makers"] == [OWNER], f"decision-makers {meta['decision-makers']!r}")
                check(meta["consulted"] == ["Cy: *the* reviewer"], f"consulted {meta['consulted']!r}")
                check(meta["models"] == ["fraud-detector"], f"models {meta['models']!r}")
                check(meta["review-date"].isoformat() == "2027-01-15", "review-date")
                check(h1 == [TITLE], f"h1 {h1!r}")
                for tag in ("b", "i", "img", "script", "em", "strong", "del", "ol"):
                    check(tag not in page.tags, f"{name}: the record's text became <{tag}>")
                check(all('href="javascript' not in part for part in rendered.split("<a ")),
                      "a javascript: link")
                check(page.cells_per_row == [3, 3], f"baseline table cells {page.cells_per_row}")
                check(html.escape(TITLE, quote=False) in rendered, "title text")
                check(html.escape(OPTION, quote=False) in rendered, "option text")
        index_html, index = render((out / "index.md").read_text())
        check(index.tags.count("del") == 1, f"index strikes {index.tags.count('del')} records")
        check(index_html.count("<li>") == 2, "index lists both records")
        check(html.escape(TITLE, quote=False) in index_html, "index title text")
    print(f"{'FAILED' if failures else 'passed'}: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
