"""The code keeps its shape: read with `ast`, its imports, SQL and sizes show which way it depends.

Pages render, rule modules decide, the store holds the SQL (STYLE.md, "Shape of the code"). Each
test states one rule and names every place that breaks it as file:line. Imports inside functions
count as much as those at the top, and `from package import name` counts as importing the module
`package.name` when there is one. The rules cover the product (kpi_logic/, pages/, ui/, app.py);
benchmarks/ and tests/ may open the file and write SQL to check it.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "kpi_logic"
PAGES = "pages"
UI = "ui"
APP = "app.py"
PYTHON_FILES = "*.py"
INIT = "__init__"

STREAMLIT = "streamlit"
SQLITE_MODULES = ("sqlite3", "sqlite_utils")
STORE = "kpi_logic.store"
STORE_FACADE = "WorkshopStore"
STORE_DIR = "kpi_logic/store/"
# Plumbing the issue keeps where it is: db.py opens connections and runs the BEGIN IMMEDIATE write
# for the store; migrations.py holds the shipped, append-only schema changes.
SQL_PLUMBING = ("kpi_logic/db.py", "kpi_logic/migrations.py")

VALIDATION = "kpi_logic.validation"
DOMAIN = "kpi_logic.domain"
# The limits a validator enforces: a page that reads one restates the validator's rule.
# Shell-style patterns, so a new PIN_ setting is covered without editing this list.
LIMITS = (
    "NAME_MAX",
    "KPI_NAME_MAX",
    "TEXT_MAX",
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_GOALS",
    "MAX_ROUND",
    "PIN_*",
)

RULE_MODULES = (
    "kpi_logic.voting",
    "kpi_logic.shortlist",
    "kpi_logic.funnel",
    "kpi_logic.review",
    "kpi_logic.vanity",
    "kpi_logic.catalog",
    "kpi_logic.workdays",
)
# Vocabulary, records, errors, texts, and the rule modules themselves: one rule may build on
# another's judgement (shortlist.py flags vanity KPIs through vanity.py, vanity.py judges names
# against the catalogue), and test_kpi_logic_has_no_import_cycle keeps that one way. The rules' own
# data modules (what a check says, why) sit beside them. Settings (`config`) are read by the
# catalogue alone: the CSV's path is a setting, and every other rule is a function of its arguments.
RULE_MAY_IMPORT = (
    "kpi_logic.domain",
    "kpi_logic.records",
    "kpi_logic.errors",
    "kpi_logic.i18n",
    "kpi_logic.text",
    *RULE_MODULES,
)
RULE_DATA = ("kpi_logic.shortlist_texts",)
RULE_SETTINGS = {"kpi_logic.catalog": ("kpi_logic.config",)}
RULE_THIRD_PARTY = ("pandas",)

PAGE_MAX_LINES = 250
MODULE_MAX_LINES = 400
# The issue keeps the vanity engine one module: its word lists and the judgement over them.
LONG_MODULES = ("kpi_logic/vanity.py",)

TYPE_CHECKING = "TYPE_CHECKING"
IMPORT_MODULE = "import_module"

# SQL as this code writes it: upper-case keywords (so prose such as "Delete or update the row" is
# not SQL) and SQLite's own lower-case names.
SQL_TEXT = re.compile(
    r"""
    ^\s*(?:SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT
          |ROLLBACK|SAVEPOINT|RELEASE|VACUUM)\b(?:\s|;|$)
    | \bSELECT\b[\s\S]*?\bFROM\b
    | \bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\b
    | \bUPDATE\s+\S+\s+SET\b
    | \bDELETE\s+FROM\b
    | \b(?:CREATE|DROP|ALTER)\s+(?:UNIQUE\s+|TEMP\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\b
    | \bPRAGMA\s+\w+
    | \bBEGIN\s+(?:IMMEDIATE|EXCLUSIVE|DEFERRED|TRANSACTION)\b
    | \b(?:json_each|json_tree|json_group_array|json_group_object|sqlite_master|sqlite_schema)\b
    """,
    re.VERBOSE,
)
SQL_SHOWN = 60  # characters of a SQL string quoted in a failure


Edges = dict[str, dict[str, int]]


@dataclass(frozen=True)
class Import:
    """One import statement's target: `module`, and `name` when a name was taken from it."""

    line: int
    module: str
    name: str | None
    type_only: bool  # under `if TYPE_CHECKING:`, so it never runs


@dataclass(frozen=True)
class Source:
    """One project file, parsed."""

    path: str
    module: str
    tree: ast.Module
    lines: int

    def at(self, line: int) -> str:
        """Where to look, as file:line."""
        return f"{self.path}:{line}"


def module_name(path: Path) -> str:
    """`kpi_logic/store/__init__.py` → `kpi_logic.store`; `pages/voting.py` → `pages.voting`."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == INIT else parts)


@lru_cache(maxsize=1)
def project() -> dict[str, Source]:
    """Every product file (the package, pages, ui and app.py) by module name, read once."""
    paths = [ROOT / APP, *(path for folder in (PACKAGE, PAGES, UI)
                           for path in sorted((ROOT / folder).rglob(PYTHON_FILES)))]
    sources = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(ROOT).as_posix()
        sources[module_name(path)] = Source(relative, module_name(path),
                                            ast.parse(text, filename=relative), len(text.splitlines()))
    return sources


def under(module: str, *packages: str) -> bool:
    """Whether `module` is one of `packages` or inside one."""
    return any(module == package or module.startswith(f"{package}.") for package in packages)


def sources_in(*packages: str) -> list[Source]:
    """The project files whose module lies in one of `packages`."""
    return [source for source in project().values() if under(source.module, *packages)]


def views() -> list[Source]:
    """Pages, ui/ and app.py: the code that renders."""
    return sources_in(PAGES, UI, module_name(ROOT / APP))


def is_type_checking(test: ast.expr) -> bool:
    """`if TYPE_CHECKING:` or `if typing.TYPE_CHECKING:`."""
    return (isinstance(test, ast.Name) and test.id == TYPE_CHECKING) or (
        isinstance(test, ast.Attribute) and test.attr == TYPE_CHECKING)


def base_of(source: Source, level: int, module: str | None) -> str:
    """The absolute module a relative `from ... import` names."""
    if not level:
        return module or ""
    package = source.module.split(".")
    if not source.path.endswith(f"{INIT}.py"):
        package = package[:-1]
    base = package[:len(package) - level + 1]
    return ".".join([*base, module] if module else base)


def imports(source: Source) -> list[Import]:
    """Every import in the file, at the top, in functions and in `if TYPE_CHECKING:` alike.

    `importlib.import_module("x")` with a literal name counts too; a computed name cannot be read.
    """
    known = project()
    found: list[Import] = []

    def visit(node: ast.AST, type_only: bool) -> None:
        if isinstance(node, ast.Import):
            found.extend(Import(node.lineno, alias.name, None, type_only) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = base_of(source, node.level, node.module)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.append(Import(node.lineno, submodule, None, type_only) if submodule in known
                             else Import(node.lineno, base, alias.name, type_only))
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and getattr(node.func, "id", getattr(node.func, "attr", None)) == IMPORT_MODULE):
            found.append(Import(node.lineno, node.args[0].value, None, type_only))
        inner = type_only or (isinstance(node, ast.If) and is_type_checking(node.test))
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(source.tree, False)
    return found


def docstrings(tree: ast.Module) -> set[int]:
    """The ids of the docstring nodes: prose about SQL is not SQL."""
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, owners) and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}


def strings(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Every string literal but docstrings, f-strings joined with `?` where a value goes."""
    skip = docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip.update(id(part) for part in node.values)
            yield node.lineno, "".join(part.value if isinstance(part, ast.Constant) else "?"
                                       for part in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


def module_aliases(source: Source, module: str) -> set[str]:
    """The names under which the file reaches `module` itself (`import a.b as m`, `from a import b`)."""
    aliases = set()
    for node in ast.walk(source.tree):
        if isinstance(node, ast.Import):
            aliases.update(alias.asname or alias.name for alias in node.names if alias.name == module)
        elif isinstance(node, ast.ImportFrom):
            base = base_of(source, node.level, node.module)
            aliases.update(alias.asname or alias.name for alias in node.names
                           if f"{base}.{alias.name}" == module)
    return aliases


def dotted(node: ast.expr) -> str:
    """`a.b.c` for a chain of names, else ''."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        value = dotted(node.value)
        return f"{value}.{node.attr}" if value else ""
    return ""


def is_limit(name: str | None) -> bool:
    """Whether `name` is one of the validators' limits."""
    return name is not None and any(fnmatchcase(name, pattern) for pattern in LIMITS)


def top_level(module: str) -> str:
    """The distribution-level name of a module: `streamlit` for `streamlit.testing.v1`."""
    return module.partition(".")[0]


def owner(module: str) -> str | None:
    """The project module an import lands in: the longest known prefix of `module`."""
    known = project()
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in known:
            return ".".join(parts[:end])
    return None


def assert_kept(rule: str, violations: Iterable[str]) -> None:
    """Fail with the rule and every place that breaks it, one per line."""
    found = sorted(set(violations))
    assert not found, f"{rule} — {len(found)} place(s) break it:\n" + "\n".join(found)


def test_kpi_logic_never_imports_streamlit() -> None:
    assert_kept(
        "kpi_logic runs in tests, the CLI and benchmarks, so it never imports streamlit",
        (f"{source.at(imported.line)} imports {imported.module}"
         for source in sources_in(PACKAGE) for imported in imports(source)
         if top_level(imported.module) == STREAMLIT),
    )


def test_sqlite_and_sql_text_live_only_in_the_store() -> None:
    outside = [source for source in project().values()
               if not source.path.startswith(STORE_DIR) and source.path not in SQL_PLUMBING]
    sqlite = (f"{source.at(imported.line)} imports {imported.module}"
              for source in outside for imported in imports(source)
              if top_level(imported.module) in SQLITE_MODULES)
    sql = (f"{source.at(line)} holds SQL {text.strip()[:SQL_SHOWN]!r}"
           for source in outside for line, text in strings(source.tree) if SQL_TEXT.search(text))
    assert_kept("sqlite3, sqlite_utils and SQL text live only in kpi_logic/store/ (and "
                f"{', '.join(SQL_PLUMBING)})", [*sqlite, *sql])


def view_violations(source: Source) -> Iterator[str]:
    """What one page or ui module takes that is not its own: store parts, validators, limits."""
    for imported in imports(source):
        where = source.at(imported.line)
        if under(imported.module, STORE) and (imported.module, imported.name) != (STORE, STORE_FACADE):
            taken = f"{imported.module}.{imported.name}" if imported.name else imported.module
            yield f"{where} imports {taken} (of the store, only {STORE}.{STORE_FACADE} is theirs)"
        elif under(imported.module, VALIDATION):
            yield f"{where} imports {VALIDATION} (validators belong to the store and rules)"
        elif imported.module == DOMAIN and is_limit(imported.name):
            yield f"{where} imports the limit {imported.name} from {DOMAIN}"
    aliases = module_aliases(source, DOMAIN)
    for node in ast.walk(source.tree):
        if isinstance(node, ast.Attribute) and dotted(node.value) in aliases and is_limit(node.attr):
            yield f"{source.at(node.lineno)} reads the limit {node.attr} from {DOMAIN}"


def test_pages_and_ui_use_only_the_store_facade_and_no_validators_or_limits() -> None:
    assert_kept("pages, ui/ and app.py ask kpi_logic; they never import store internals, "
                "validators or limits", (item for source in views() for item in view_violations(source)))


def rule_module_may_import(rule: str, module: str) -> bool:
    """Vocabulary, records, errors, texts, rules and their data, the standard library and pandas."""
    return (under(module, *RULE_MAY_IMPORT, *RULE_DATA, *RULE_SETTINGS.get(rule, ()))
            or top_level(module) in sys.stdlib_module_names or top_level(module) in RULE_THIRD_PARTY)


def test_rule_modules_import_only_vocabulary_records_errors_texts_and_other_rules() -> None:
    assert_kept(
        f"rule modules import only {', '.join(RULE_MAY_IMPORT)}, {', '.join(RULE_DATA)}, the standard "
        f"library and {', '.join(RULE_THIRD_PARTY)} (and the settings {RULE_SETTINGS})",
        (f"{source.at(imported.line)} imports {imported.module}"
         for source in sources_in(*RULE_MODULES) for imported in imports(source)
         if not rule_module_may_import(source.module, imported.module)),
    )


def import_graph() -> Edges:
    """Module → imported kpi_logic module → line of the first such import.

    A submodule import is not also an edge to its package's `__init__` (which Python runs first):
    a facade that imports its parts, as `kpi_logic.store` does, is not a cycle. Imports under
    `if TYPE_CHECKING:` never run, so they are left out: they are how a part names its facade's type.
    """
    graph: Edges = {}
    for source in sources_in(PACKAGE):
        edges = graph.setdefault(source.module, {})
        for imported in imports(source):
            target = owner(imported.module)
            if target and under(target, PACKAGE) and not imported.type_only:
                edges.setdefault(target, imported.line)
    return graph


def strongly_connected(graph: Edges) -> list[list[str]]:
    """Tarjan's components of the graph, so each knot of cycles is reported once."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while not component or component[-1] != node:
                component.append(stack.pop())
            components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def shortest_cycle(graph: Edges, start: str, members: set[str]) -> list[str]:
    """The shortest path from `start` back to itself inside one component."""
    paths = {start: [start]}
    queue = [start]
    for node in queue:
        for target in sorted(graph.get(node, {})):
            if target == start:
                return [*paths[node], start]
            if target in members and target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    return [start]


def describe_cycle(graph: Edges, cycle: list[str]) -> str:
    """`a → b → a`, each step as the file:line that imports."""
    known = project()
    steps = (f"{known[source].at(graph[source][target])} imports {target}"
             for source, target in zip(cycle, cycle[1:]))
    return f"{' → '.join(cycle)} ({'; '.join(steps)})"


def test_kpi_logic_has_no_import_cycle() -> None:
    graph = import_graph()
    cycles = (describe_cycle(graph, shortest_cycle(graph, component[0], set(component)))
              for component in strongly_connected(graph)
              if len(component) > 1 or component[0] in graph.get(component[0], {}))
    assert_kept("kpi_logic modules import one another one way only, with no cycle", cycles)


def test_pages_and_modules_stay_short() -> None:
    limits = [(source, PAGE_MAX_LINES) for source in sources_in(PAGES)] + [
        (source, MODULE_MAX_LINES) for source in sources_in(PACKAGE) if source.path not in LONG_MODULES]
    assert_kept(
        f"a page has at most {PAGE_MAX_LINES} lines, a kpi_logic module at most {MODULE_MAX_LINES} "
        f"({', '.join(LONG_MODULES)} excepted)",
        (f"{source.at(limit + 1)} is past the limit: {source.lines} lines, at most {limit}"
         for source, limit in limits if source.lines > limit),
    )
