#!/usr/bin/env python3
"""Rewrites the API tests' HttpClient calls into Alba scenarios (Infrastructure/Scenarios.cs). Idempotent: run it again
after a merge to convert what others added.

    python3 tests/tools/alba-codemod.py [--check] [PATH ...]

PATHs are files or folders (default: tests/CommitmentTracker.Api.Tests). --check rewrites nothing and exits 1 when a
file would change. A file that keeps an HttpClient says why on a line `// HttpClient, not Alba: <why>`; the codemod
leaves it alone (and AlbaRuleTests fails for a file that creates an HttpClient without that line).
"""
import pathlib
import re
import sys

MARKER = "// HttpClient, not Alba:"
ROOT = pathlib.Path(__file__).resolve().parents[1] / "CommitmentTracker.Api.Tests"
SKIP = {"Infrastructure/ApiFactory.cs", "Infrastructure/Scenarios.cs", "Infrastructure/HttpJson.cs"}

# HttpClient method -> Scenarios method (same arguments).
METHODS = {
    "GetAsync": "Get", "DeleteAsync": "Delete", "SendAsync": "Send", "GetStringAsync": "GetText",
    "PostJson": "Post", "PostAsJsonAsync": "Post", "PostAsync": "Post", "PostRaw": "PostText",
    "PutAsJsonAsync": "Put", "PutAsync": "Put", "PatchAsJsonAsync": "Patch", "PatchAsync": "Patch",
}


def balanced(text, start):
    """Index just past the ')' closing the '(' at text[start]."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    raise ValueError("unbalanced parentheses")


def with_key(text):
    out, pos = [], 0
    for m in re.finditer(r"\b(\w+)\.WithKey\(", text):
        if m.start() < pos:
            continue
        end = balanced(text, m.end() - 1)
        out += [text[pos:m.start()], f"{m.group(1)}.As(Caller.Key(", with_key(text[m.end():end - 1]), "))"]
        pos = end
    return "".join(out) + text[pos:]


def rewrite(text):
    text = re.sub(r"\b(\w+)\.Admin\(\)", r"\1.As(Caller.Admin)", text)
    text = re.sub(r"\b(\w+)\.Anonymous\(\)", r"\1.As(Caller.Anonymous)", text)
    text = with_key(text)
    text = re.sub(r"(?<![\w.])((?:\w+\.)?)CreateClient\(\)", r"\1As(Caller.Anonymous)", text)  # the fixture's plain client
    text = re.sub(r"\.(" + "|".join(METHODS) + r")\(", lambda m: "." + METHODS[m.group(1)] + "(", text)
    text = re.sub(r"\bHttpClient\b", "Scenarios", text)
    text = re.sub(r"\bHttpResponseMessage\b", "Reply", text)
    # A caller is a value, not a disposable client.
    text = re.sub(r"\busing var (\w+) = (\w+\.As\()", r"var \1 = \2", text)
    # Default headers become the caller's own.
    text = re.sub(r"\b(\w+)\.DefaultRequestHeaders\.Authorization = new(?: AuthenticationHeaderValue)?\(\"Bearer\", ([^;]+)\);",
                  r'\1 = \1.With("Authorization", "Bearer " + \2);', text)
    text = re.sub(r"\b(\w+)\.DefaultRequestHeaders\.Add\(([^;]+)\);", r"\1 = \1.With(\2);", text)
    # var c = api.As(...); c = c.With(h); -> var c = api.As(...).With(h);
    folded = re.compile(r"var (\w+) = ([^;\n]+);\n[ \t]*\1 = \1(\.With\([^;\n]+\));")
    while folded.search(text):
        text = folded.sub(r"var \1 = \2\3;", text)
    text = re.sub(r"As\(Caller\.Anonymous\)\.With\(\"Authorization\", \"Bearer \" \+ ([^;\n]+?)\);", r"As(Caller.Bearer(\1));", text)
    return text


def files(args):
    for arg in args or [str(ROOT)]:
        path = pathlib.Path(arg).resolve()
        yield from sorted(path.rglob("*.cs")) if path.is_dir() else [path]


def main(argv):
    check = "--check" in argv
    changed = []
    for path in files([a for a in argv if a != "--check"]):
        if {"bin", "obj"} & set(path.parts) or path.relative_to(ROOT).as_posix() in SKIP:
            continue
        text = path.read_text(encoding="utf-8")
        if MARKER in text:
            continue
        new = rewrite(text)
        if new != text:
            changed.append(path.relative_to(ROOT).as_posix())
            if not check:
                path.write_text(new, encoding="utf-8")
    for name in changed:
        print(("would rewrite " if check else "rewrote ") + name)
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
