"""Architecture numbers: cycles between apps and imports placed inside functions.

`python -m bench.architecture` reads the project's apps (the first block of INSTALLED_APPS) with
`ast`, without importing Django, and prints:
- the app pairs that import each other, counting imports at any depth;
- imports inside functions, in all and those reaching another project app;
- the largest module by lines.
"""

import ast
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_apps():
    text = (ROOT / "config" / "settings" / "base.py").read_text()
    block = text.split("INSTALLED_APPS = [", 1)[1].split("# Wagtail.", 1)[0]
    return re.findall(r'"(\w+)"', block)


def modules(apps):
    for app in apps:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def imported_apps(node, apps, module_name):
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif node.level:  # relative import: stays inside its own package
        names = [module_name]
    else:
        names = [node.module or ""]
    return {name.split(".")[0] for name in names} & set(apps)


def measure():
    apps = project_apps()
    edges = defaultdict(set)
    inner_total = 0
    inner_cross = []
    largest = (0, "")
    for app, path in modules(apps):
        source = path.read_text()
        largest = max(largest, (len(source.splitlines()), str(path.relative_to(ROOT))))
        tree = ast.parse(source)
        module_name = app
        inside, in_ready = set(), set()
        for func in ast.walk(tree):
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(func):
                    if isinstance(node, (ast.Import, ast.ImportFrom)):
                        inside.add(node)
                        # AppConfig.ready(): Django's place for imports that need the loaded models.
                        if func.name == "ready" and path.name == "apps.py":
                            in_ready.add(node)
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            targets = imported_apps(node, apps, module_name) - {app}
            for target in targets:
                edges[app].add(target)
            if node in inside:
                inner_total += 1
                if targets:
                    where = " (AppConfig.ready)" if node in in_ready else ""
                    inner_cross.append(f"{path.relative_to(ROOT)}:{node.lineno} -> {sorted(targets)}{where}")
    pairs = sorted({tuple(sorted((a, b))) for a in edges for b in edges[a] if a in edges.get(b, ())})
    cycles = strongly_connected(apps, edges)
    return {
        "mutual_pairs": pairs,
        "cycles": cycles,
        "inner_total": inner_total,
        "inner_cross": inner_cross,
        "largest": largest,
    }


def strongly_connected(apps, edges):
    """Tarjan: the groups of apps that reach each other (a cycle has more than one app)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(10000)
    for app in apps:
        if app not in index:
            visit(app)
    return groups


def main():
    numbers = measure()
    print(f"App pairs importing each other: {len(numbers['mutual_pairs'])}")
    for pair in numbers["mutual_pairs"]:
        print(f"  {pair[0]} <-> {pair[1]}")
    print(f"Cycles (groups of apps reaching each other): {len(numbers['cycles'])}")
    for group in numbers["cycles"]:
        print(f"  {', '.join(group)}")
    print(f"Imports inside functions: {numbers['inner_total']}")
    in_ready = sum(line.endswith("(AppConfig.ready)") for line in numbers["inner_cross"])
    print(f"  of another project app's modules: {len(numbers['inner_cross'])} ({in_ready} in AppConfig.ready)")
    if "-v" in sys.argv:
        for line in numbers["inner_cross"]:
            print(f"    {line}")
    lines, path = numbers["largest"]
    print(f"Largest module: {path} ({lines} lines)")


if __name__ == "__main__":
    main()
