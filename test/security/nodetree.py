"""Read PostgreSQL's pg_node_tree text (the stored form of view rules,
SQL-standard function bodies, constraints, defaults, index expressions and
trigger conditions) and find in it every place where a name was looked up:
function calls, operators, aggregates, window functions, and the types of
explicit casts and typed literals.

A call site is reported with the types of its arguments twice: as the
parser saw them (implicit coercions peeled off) and as the bound function
or operator receives them.  Both are what a hostile overload would have to
match exactly to be preferred over a polymorphic or coerced pg_catalog
candidate (doc/security.md, "How the suite plants").
"""

# CoercionForm (nodes/primnodes.h)
EXPLICIT_CALL, EXPLICIT_CAST, IMPLICIT_CAST, SQL_SYNTAX = '0', '1', '2', '3'
BOOL, INT4, UNKNOWN = 16, 23, 705


def tokens(text):
    """pg_strtok: ( ) { } are tokens of their own; a backslash escapes."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c in '(){}':
            yield c, c
            i += 1
            continue
        j, buf = i, []
        while j < n and not text[j].isspace() and text[j] not in '(){}':
            if text[j] == '\\' and j + 1 < n:
                buf.append(text[j + 1])
                j += 2
                continue
            buf.append(text[j])
            j += 1
        yield ''.join(buf), text[i:j]
        i = j


class _Reader:
    def __init__(self, text):
        self.toks = list(tokens(text))
        self.i = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def next(self):
        t = self.toks[self.i]
        self.i += 1
        return t

    def value(self):
        tok, raw = self.next()
        if raw == '{':
            return self.node()
        if raw == '(':
            items = []
            while self.peek()[1] != ')':
                items.append(self.value())
            self.next()
            return items
        return tok

    def node(self):
        name, _ = self.next()
        fields = {'_type': name}
        while True:
            tok, raw = self.peek()
            if raw == '}':
                self.next()
                return fields
            self.next()
            if not raw.startswith(':'):
                continue                # (a stray token: skip it)
            key = raw[1:]
            tok2, raw2 = self.peek()
            if raw2 in ('{', '('):
                fields[key] = self.value()
            elif raw2 is None or raw2 == '}' or raw2.startswith(':'):
                fields[key] = None
            else:
                parts = []
                while True:
                    t3, r3 = self.peek()
                    if r3 is None or r3 == '}' or r3.startswith(':'):
                        break
                    if r3 in ('{', '(', ')'):
                        break
                    parts.append(t3)
                    self.next()
                fields[key] = ' '.join(parts)


def parse(text):
    """The tree of a pg_node_tree text: dicts (nodes), lists, strings."""
    r = _Reader(text)
    out = []
    while r.i < len(r.toks):
        out.append(r.value())
    return out


def walk(tree):
    """Every node of a tree, depth first."""
    stack = [tree]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            yield x
            stack.extend(v for k, v in x.items() if k != '_type')
        elif isinstance(x, list):
            stack.extend(x)


def _int(v):
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


class Types:
    """What the finder needs of pg_type: element and array types."""

    def __init__(self, rows):
        self.elem = {r['oid']: r['typelem'] for r in rows}
        self.array = {r['oid']: r['typarray'] for r in rows}


def expr_type(node, types):
    """exprType() of the node kinds an expression tree holds; None if unknown."""
    if not isinstance(node, dict):
        return None
    t = node['_type']
    direct = {
        'VAR': 'vartype', 'CONST': 'consttype', 'PARAM': 'paramtype',
        'FUNCEXPR': 'funcresulttype', 'OPEXPR': 'opresulttype',
        'DISTINCTEXPR': 'opresulttype', 'NULLIFEXPR': 'opresulttype',
        'AGGREF': 'aggtype', 'WINDOWFUNC': 'wintype',
        'RELABELTYPE': 'resulttype', 'COERCEVIAIO': 'resulttype',
        'ARRAYCOERCEEXPR': 'resulttype', 'CONVERTROWTYPEEXPR': 'resulttype',
        'COERCETODOMAIN': 'resulttype', 'FIELDSELECT': 'resulttype',
        'CASEEXPR': 'casetype', 'CASETESTEXPR': 'typeId',
        'ARRAYEXPR': 'array_typeid', 'ROW': 'row_typeid',
        'COALESCEEXPR': 'coalescetype', 'MINMAXEXPR': 'minmaxtype',
        'SQLVALUEFUNCTION': 'type', 'SUBSCRIPTINGREF': 'refrestype',
        'COERCETODOMAINVALUE': 'typeId', 'SETTODEFAULT': 'typeId',
    }
    if t in direct:
        return _int(node.get(direct[t]))
    if t in ('SCALARARRAYOPEXPR', 'BOOLEXPR', 'NULLTEST', 'BOOLEANTEST', 'ROWCOMPAREEXPR'):
        return BOOL
    if t == 'GROUPINGFUNC':
        return INT4
    if t == 'COLLATEEXPR':
        return expr_type(node.get('arg'), types)
    if t == 'SUBLINK':
        kind = node.get('subLinkType')
        if kind in ('4', '6'):          # EXPR, ARRAY
            q = node.get('subselect')
            tl = q.get('targetList') if isinstance(q, dict) else None
            first = next((te for te in (tl or []) if isinstance(te, dict)
                          and te.get('resjunk') != 'true'), None)
            et = expr_type(first.get('expr'), types) if first else None
            if et is None:
                return None
            return types.array.get(et) if kind == '6' else et
        return BOOL if kind in ('0', '1', '2', '3') else None
    return None


def peeled(node):
    """The expression under implicit coercions: what the parser saw."""
    while isinstance(node, dict):
        t = node['_type']
        if t == 'FUNCEXPR' and node.get('funcformat') == IMPLICIT_CAST and node.get('args'):
            node = node['args'][0]
        elif t == 'RELABELTYPE' and node.get('relabelformat') == IMPLICIT_CAST:
            node = node['arg']
        elif t in ('COERCEVIAIO', 'ARRAYCOERCEEXPR') and node.get('coerceformat') == IMPLICIT_CAST:
            node = node['arg']
        else:
            break
    return node


def _elem_type_of(node, types):
    """The element type an = ANY (array) comparison looks up its operator with."""
    if isinstance(node, dict) and node['_type'] == 'ARRAYEXPR' and node.get('multidims') != 'true':
        seen = {expr_type(peeled(e), types) for e in (node.get('elements') or [])}
        if len(seen) == 1 and None not in seen:
            return seen.pop()
    at = expr_type(peeled(node), types)
    return types.elem.get(at) or None


def call_sites(tree, types, variadic_funcs):
    """Yield (kind, oid, pre_types, post_types, result_type) of every name lookup.

    kind: func, op, agg, win, type.  variadic_funcs: oid -> the element type
    of a function's VARIADIC array parameter (non-"any" variadics), so that
    an ARRAY the parser built from the trailing arguments is counted as the
    arguments the call was written with.
    """
    for n in walk(tree):
        t = n['_type']
        if t == 'FUNCEXPR':
            form = n.get('funcformat')
            if form == EXPLICIT_CALL:
                args = list(n.get('args') or [])
                oid = _int(n['funcid'])
                if (oid in variadic_funcs and n.get('funcvariadic') != 'true' and args
                        and isinstance(args[-1], dict) and args[-1]['_type'] == 'ARRAYEXPR'):
                    args = args[:-1] + list(args[-1].get('elements') or [])
                yield ('func', oid,
                       [expr_type(peeled(a), types) for a in args],
                       [expr_type(a, types) for a in args],
                       _int(n.get('funcresulttype')))
            elif form == EXPLICIT_CAST:
                yield ('type', _int(n.get('funcresulttype')), [], [], None)
        elif t in ('OPEXPR', 'DISTINCTEXPR', 'NULLIFEXPR'):
            args = n.get('args') or []
            yield ('op', _int(n['opno']),
                   [expr_type(peeled(a), types) for a in args],
                   [expr_type(a, types) for a in args],
                   _int(n.get('opresulttype')))
        elif t == 'SCALARARRAYOPEXPR':
            args = n.get('args') or []
            if len(args) == 2:
                left, right = args
                yield ('op', _int(n['opno']),
                       [expr_type(peeled(left), types), _elem_type_of(right, types)],
                       [expr_type(left, types), types.elem.get(expr_type(right, types))],
                       BOOL)
        elif t == 'ROWCOMPAREEXPR':
            opnos = [x for x in (n.get('opnos') or []) if x != 'o']
            for opno, l, r in zip(opnos, n.get('largs') or [], n.get('rargs') or []):
                yield ('op', _int(opno),
                       [expr_type(peeled(l), types), expr_type(peeled(r), types)],
                       [expr_type(l, types), expr_type(r, types)], BOOL)
        elif t == 'AGGREF':
            tes = [te for te in (n.get('args') or []) if isinstance(te, dict)]
            exprs = [te.get('expr') for te in tes]
            direct = list(n.get('aggdirectargs') or [])
            yield ('agg', _int(n['aggfnoid']),
                   [expr_type(peeled(a), types) for a in direct + exprs],
                   [expr_type(a, types) for a in direct + exprs],
                   _int(n.get('aggtype')))
        elif t == 'WINDOWFUNC':
            args = n.get('args') or []
            yield ('win', _int(n['winfnoid']),
                   [expr_type(peeled(a), types) for a in args],
                   [expr_type(a, types) for a in args],
                   _int(n.get('wintype')))
        elif t in ('RELABELTYPE', 'COERCEVIAIO', 'ARRAYCOERCEEXPR') and \
                n.get('relabelformat', n.get('coerceformat')) == EXPLICIT_CAST:
            yield ('type', _int(n.get('resulttype')), [], [], None)
        elif t == 'CONST':
            yield ('type', _int(n.get('consttype')), [], [], None)
