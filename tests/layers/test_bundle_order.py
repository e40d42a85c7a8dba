"""The browser library's load-order rule (layers/_bundle.py JS_FILES): a file may use only what
it or the files before it define at top level.  A use of a later file's name fails here, even
inside a function that only runs after load: the rule is what lets a reader (and node's tests
of the pure files) take any prefix of the list as a working library.

How: a small lexer drops comments, strings, template text and regular expressions, then every
identifier that is not a property (`a.name`, `{name: ...}`, a method `name(...) {`) counts as
a use.  Narrow exception: a name the file itself declares again in an inner scope (a local
`layout` in chart.js) is taken to be that local, so it is not checked in that file.
"""

from __future__ import annotations

import re

import pytest

from layers._bundle import JS_FILES, STATIC

# What the page's scope gets from outside the files: the bundle's `global` and the browser's.
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_PUNCT_BEFORE_REGEX = set("(,=:[!&|?{};+-*%<>~^")
_KEYWORDS_BEFORE_REGEX = {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw"}


def _tokens(text: str) -> list[tuple[str, int]]:
    """(token, brace depth) of the code: identifiers and punctuation, no comments, no
    string or regex contents (a template's `${...}` code is kept)."""
    out: list[tuple[str, int]] = []
    depth = 0
    templates: list[int] = []  # brace depth at each open `${`
    i, n = 0, len(text)

    def last() -> str:
        return out[-1][0] if out else ""

    def template(i: int) -> int:  # from after a backtick or a closing `}` of `${`; returns end
        while i < n:
            c = text[i]
            if c == "\\":
                i += 2
            elif c == "`":
                out.append(("`str`", depth))
                return i + 1
            elif text.startswith("${", i):
                templates.append(depth)
                return i + 2
            else:
                i += 1
        return i

    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif text.startswith("//", i):
            i = text.find("\n", i) if "\n" in text[i:] else n
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
        elif c in "'\"":
            j = i + 1
            while text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(("'str'", depth))
            i = j + 1
        elif c == "`":
            i = template(i + 1)
        elif c == "/" and (not out or last() in _PUNCT_BEFORE_REGEX or last() in _KEYWORDS_BEFORE_REGEX):
            j, in_class = i + 1, False
            while in_class or text[j] != "/":
                if text[j] == "\\":
                    j += 1
                elif text[j] == "[":
                    in_class = True
                elif text[j] == "]":
                    in_class = False
                j += 1
            j += 1
            while j < n and text[j].isalpha():
                j += 1
            out.append(("/re/", depth))
            i = j
        elif text.startswith(("=>", "..."), i):
            out.append((text[i:i + 2] if text[i] == "=" else "...", depth))
            i += 2 if text[i] == "=" else 3
        elif m := _IDENT.match(text, i):
            out.append((m.group(), depth))
            i = m.end()
        elif c.isdigit():
            m = re.compile(r"[\w.]+").match(text, i)
            out.append(("0", depth))
            i = m.end()
        elif c == "{":
            out.append(("{", depth))
            depth += 1
            i += 1
        elif c == "}":
            if templates and templates[-1] == depth:
                templates.pop()
                i = template(i + 1)
            else:
                depth -= 1
                out.append(("}", depth))
                i += 1
        else:
            out.append((c, depth))
            i += 1
    return out


_DECLARES = {"function", "class", "const", "let", "var"}
_CONDITIONS = {"if", "for", "while", "switch", "with"}  # `if (x) {` is no method with a parameter x


def _top_level_names(tokens) -> set[str]:
    return {tokens[k + 1][0] for k, (tok, depth) in enumerate(tokens[:-1])
            if depth == 0 and tok in _DECLARES and _IDENT.fullmatch(tokens[k + 1][0])}


def _blocks(tokens) -> tuple[dict[int, int], list[int]]:
    """{index of '{': index of its '}'}, and for each token the '{' of its innermost block (-1)."""
    close, inside, stack = {}, [], []
    for k, (tok, _) in enumerate(tokens):
        if tok == "}":
            close[stack.pop()] = k
        inside.append(stack[-1] if stack else -1)
        if tok == "{":
            stack.append(k)
    return close, inside


def _local_scopes(tokens) -> tuple[dict[str, list[tuple[int, int]]], set[int]]:
    """Where each name declared inside a function or block holds: `const x` (and let, var,
    function, class) to the end of its block; a parameter over its function's body.  Also the
    positions of the declarations themselves (not uses)."""
    close, inside = _blocks(tokens)
    scopes: dict[str, list[tuple[int, int]]] = {}
    declared: set[int] = set()

    def block_after(j: int) -> tuple[int, int]:  # the body '{' at j, else the block around j
        start = j if tokens[j][0] == "{" else inside[j]
        return (start, close.get(start, len(tokens)))

    for k, (tok, depth) in enumerate(tokens[:-1]):
        if tok in _DECLARES and depth > 0 and _IDENT.fullmatch(tokens[k + 1][0]):
            scopes.setdefault(tokens[k + 1][0], []).append(block_after(inside[k]))
            declared.add(k + 1)
        if tok == "=>" and _IDENT.fullmatch(tokens[k - 1][0]):  # x => ...
            params, where = {k - 1}, block_after(k + 1)
        elif tok == "=>" and tokens[k - 1][0] == ")":  # (a, b) => ...
            params, where = _between_parens(tokens, k - 1, -1)[0], block_after(k + 1)
        elif tok == "(" and (tokens[k - 1][0] == "function" or tokens[k - 2][0] == "function"
                             or (tokens[k - 1][0] not in _CONDITIONS and _method_head(tokens, k - 1))):
            # function f(a, b) {, method(a, b) {, catch (e) {
            params, end = _between_parens(tokens, k, +1)
            where = block_after(end + 1)
        else:
            continue
        declared |= params
        for j in params:
            scopes.setdefault(tokens[j][0], []).append(where)
    return scopes, declared


def _between_parens(tokens, k, step) -> tuple[set[int], int]:
    """Positions of the parameter names between the bracket at k and its match (and where that
    is): identifiers that follow '(', ',', '{', '[' or '...' (not a default value after '=')."""
    depth, names = 0, set()
    while True:
        tok = tokens[k][0]
        depth += {"(": 1, ")": -1}.get(tok, 0) * step
        if depth == 0 and tok in ("(", ")"):
            return names, k
        if _IDENT.fullmatch(tok) and tokens[k - 1][0] in ("(", ",", "{", "[", "..."):
            names.add(k)
        k += step


def _uses(tokens) -> dict[str, list[int]]:
    """Identifiers read as names (not properties, object keys or method names), with where."""
    used: dict[str, list[int]] = {}
    for k, (tok, _) in enumerate(tokens):
        if not _IDENT.fullmatch(tok):
            continue
        before = tokens[k - 1][0] if k else ""
        after = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        if before == ".":
            continue
        if after == ":" and before in ("{", ","):  # an object key (a ternary's ':' follows '?' code)
            continue
        if after == "(" and before in ("{", "}", ";") and _method_head(tokens, k):
            continue
        used.setdefault(tok, []).append(k)
    return used


def _outer_uses(tokens) -> set[str]:
    """Names used where no local declaration of theirs holds."""
    scopes, declared = _local_scopes(tokens)
    return {name for name, where in _uses(tokens).items()
            if any(k not in declared and not any(a < k < b for a, b in scopes.get(name, ())) for k in where)}


def _method_head(tokens, k) -> bool:
    """`name(...) {` in a class or object body: a method, not a call."""
    depth = 0
    for j in range(k + 1, len(tokens)):
        tok = tokens[j][0]
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
            if depth == 0:
                return j + 1 < len(tokens) and tokens[j + 1][0] == "{"
    return False


def _files():
    return [(name, _tokens((STATIC / "js" / name).read_text("utf-8"))) for name in JS_FILES]


def later_file_uses() -> list[str]:
    """Every `file uses NAME, defined only in a later file` of JS_FILES."""
    files = _files()
    defined = [_top_level_names(tokens) for _, tokens in files]
    problems = []
    for k, (name, tokens) in enumerate(files):
        known = set().union(*defined[: k + 1])
        later = {n: files[j][0] for j in range(len(files) - 1, k, -1) for n in defined[j]}
        for used in sorted((_outer_uses(tokens) & set(later)) - known):
            problems.append(f"{name} uses {used}, defined only in the later {later[used]}")
    return problems


def test_no_file_uses_a_name_a_later_file_defines():
    assert later_file_uses() == []


def test_each_top_level_name_is_defined_once():
    seen: dict[str, str] = {}
    twice = []
    for name, tokens in _files():
        for defined in _top_level_names(tokens):
            if defined in seen:
                twice.append(f"{defined}: {seen[defined]} and {name}")
            seen[defined] = name
    assert twice == []


@pytest.mark.parametrize("code, names", [
    ("function a() { return b + c.d; }", {"b", "c"}),
    ("const x = {e: f, g}; const y = `${h} text ${'i'}`;", {"f", "g", "h"}),
    ("const r = /k(l)/g.test(m); // n\n/* o */ p('q');", {"m", "p"}),
    ("class S { t(u) { return v ? w : z; } }", {"v", "w", "z"}),
    ("function f(a, {b}, c = d) { return [a, b, c, e]; }", {"d", "e"}),
    ("const g = (a, ...b) => a + h; const i = c => c + j;", {"h", "j"}),
    # a local holds in its own block only: the outer `t` is still a use
    ("function k(t) { return t; } function m() { return t('x'); }", {"t"}),
    ("function n() { { const u = 1; } return u; } function o() { if (p) { let q; } return q; }", {"u", "p", "q"}),
])
def test_the_lexer_sees_uses_not_keys_strings_or_comments(code, names):
    tokens = _tokens(code)
    keywords = {"function", "return", "const", "let", "class", "if", "test"}
    assert _outer_uses(tokens) - _top_level_names(tokens) - keywords == names


def test_a_later_name_fails(monkeypatch):
    """The check can fail: core.js made to use live.js's pageView is caught."""
    import tests.layers.test_bundle_order as me

    real = me._files

    def with_bad_call():
        files = real()
        name, tokens = files[0]
        return [(name, tokens + _tokens("function bad() { return pageView; }")), *files[1:]]

    monkeypatch.setattr(me, "_files", with_bad_call)
    assert any("uses pageView" in p for p in later_file_uses())


PAGE_NAMES = {"document", "window", "global", "globalThis", "L", "navigator", "location", "history"}


@pytest.mark.parametrize("name", JS_FILES[:JS_FILES.index("core.js")])
def test_the_files_before_core_are_pure(name):
    """No page in them: node's tests (tests/js/) load them as they are."""
    assert _outer_uses(_tokens((STATIC / "js" / name).read_text("utf-8"))) & PAGE_NAMES == set()
