#!/usr/bin/env python3
"""Readability figures of the Swift tree, for the notes of issues that reshape the code.

    scripts/code-metrics.py            # Markdown table on stdout
    scripts/code-metrics.py --bindings # also lists every single-letter binding found

Line length is measured on non-blank lines of Sources/ (comments included: they are read too).
A "single-letter binding" is a `let`/`var`/`for`/`case let` name, a function parameter or a
closure parameter of one letter, outside closures of a single line (`{ a, b in a < b }`, `$0`)
and outside loop indices named i, j or k.
"""
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def swift_files(folder):
    return sorted(p for p in (ROOT / folder).rglob("*.swift"))


def line_lengths(files):
    lengths = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                lengths.append(len(line))
    return lengths


BINDING_PATTERNS = [
    re.compile(r"\b(?:let|var)\s+([A-Za-z])\b\s*[:=,)]"),
    re.compile(r"\bfor\s+(?:case\s+let\s+)?\(?([A-Za-z])\b\s*(?:,|\)|in\b)"),
    re.compile(r"\bcase\s+let\s+\.?\w*\(([A-Za-z])\)"),
    re.compile(r"[(,]\s*(?:_\s+)?([A-Za-z])\s*:\s*[A-Z\[(]"),
]
SHORT_CLOSURE = re.compile(r"\{[^{}]*\bin\b[^{}]*\}")
MULTILINE_CLOSURE_HEAD = re.compile(r"\{\s*\(?\s*([A-Za-z])\s*(?:,\s*[A-Za-z_]\w*\s*)*\)?\s+in\s*$")
LOOP_INDICES = {"i", "j", "k"}


def single_letter_bindings(files):
    found = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("//", 1)[0]
            code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', code)
            outside_closures = SHORT_CLOSURE.sub("{}", code)
            names = []
            for pattern in BINDING_PATTERNS:
                names += pattern.findall(outside_closures)
            head = MULTILINE_CLOSURE_HEAD.search(code)
            if head:
                names.append(head.group(1))
            for name in names:
                if name in LOOP_INDICES and re.search(r"\bfor\b", code):
                    continue
                found.append((path.relative_to(ROOT), number, name, line.strip()))
    return found


def page_folders():
    views = ROOT / "Sources/App/Views"
    folders = {}
    for folder in sorted(p for p in views.iterdir() if p.is_dir()):
        folders[folder.name] = sorted(p.name for p in folder.glob("*.swift"))
    return folders


def main():
    sources = swift_files("Sources")
    tests = swift_files("Tests")
    lengths = line_lengths(sources)
    over = sum(1 for n in lengths if n > 120)
    bindings = single_letter_bindings(sources)
    source_lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in sources)
    test_lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in tests)
    folders = page_folders()
    complete = [name for name, files in folders.items()
                if {f"{name}+Model.swift", f"{name}+View.swift", f"{name}+Query.swift"} <= set(files)]
    print("| figure | value |")
    print("|---|---|")
    print(f"| Swift files in Sources/ | {len(sources)} |")
    print(f"| line length, mean / median / p90 (non-blank) | {statistics.mean(lengths):.0f} / "
          f"{statistics.median(lengths):.0f} / {statistics.quantiles(lengths, n=10)[-1]:.0f} |")
    print(f"| lines over 120 columns | {over} ({100 * over / len(lengths):.1f} %) |")
    print(f"| single-letter bindings | {len(bindings)} |")
    print(f"| test lines / source lines | {test_lines} / {source_lines} = {test_lines / source_lines:.2f} |")
    print(f"| page folders with Model+View+Query | {len(complete)} of {len(folders)} |")
    sizes = sorted(len(files) for files in folders.values())
    print(f"| files per page folder (min / median / max) | {sizes[0]} / {statistics.median(sizes):.0f} / {sizes[-1]} |")
    if "--bindings" in sys.argv:
        print()
        for path, number, name, line in bindings:
            print(f"{path}:{number}: {name}: {line}")


if __name__ == "__main__":
    main()
