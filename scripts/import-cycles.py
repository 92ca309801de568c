#!/usr/bin/env python3
"""Lists the circles of imports between the files of src/ (a file that imports a file that imports
it back, directly or through others). Exit status 1 when there is one. Test modules count too:
they are code in the file."""
import os, re, sys
from collections import defaultdict

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src')

def module_file(parts):
    """The file of module crate::parts, or None."""
    base = os.path.join(ROOT, *parts) if parts else os.path.join(ROOT, 'lib')
    for cand in (base + '.rs', os.path.join(base, 'mod.rs')):
        if os.path.isfile(cand):
            return os.path.normpath(cand)
    return None

def module_of(path):
    rel = os.path.relpath(path, ROOT)[:-3].split(os.sep)
    if rel[-1] == 'mod':
        rel = rel[:-1]
    if rel == ['lib']:
        rel = []
    return rel

def resolve(parts):
    """The deepest file among the prefixes of a path."""
    for n in range(len(parts), 0, -1):
        f = module_file(parts[:n])
        if f:
            return f
    return None

files = []
for dirpath, _, names in os.walk(ROOT):
    if os.sep + 'bin' in dirpath:
        continue
    files += [os.path.normpath(os.path.join(dirpath, n)) for n in names if n.endswith('.rs') and n != 'main.rs']

edges = defaultdict(set)
path_re = re.compile(r'\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)')
group_re = re.compile(r'\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^}]*)\}')
for f in files:
    text = open(f).read()
    me = module_of(f)
    mod_rs = f.endswith('mod.rs') or f.endswith('lib.rs')
    # `super` of a file: its parent module; `self` is the file's own module.
    def absolute(kind, rest):
        if kind == 'crate':
            return rest
        if kind == 'self':
            return me + rest
        return me[:-1] + rest
    refs = []
    for m in group_re.finditer(text):
        rest = [p for p in m.group(2).split('::') if p]
        for item in m.group(3).split(','):
            item = item.strip().split(' as ')[0].split('::')
            if item and item[0] and item[0] != 'self':
                refs.append(absolute(m.group(1), rest + [i.strip() for i in item]))
            elif item and item[0] == 'self':
                refs.append(absolute(m.group(1), rest))
    for m in path_re.finditer(text):
        refs.append(absolute(m.group(1), [p for p in m.group(2).split('::') if p]))
    for r in refs:
        target = resolve(r)
        if target and target != f:
            # A parent module file declaring its children is not an import of them.
            edges[f].add(target)

# A module file (`mod x;`) contains its children: declaring them is not an import.
def is_child(a, b):
    return module_of(b)[:-1] == module_of(a) if module_of(b) else False

graph = {f: {t for t in edges[f] if not is_child(f, t)} for f in files}

# Tarjan's strongly connected components.
index, low, stack, on, out = {}, {}, [], set(), []
counter = [0]
def strong(v):
    index[v] = low[v] = counter[0]; counter[0] += 1
    stack.append(v); on.add(v)
    for w in graph.get(v, ()):
        if w not in index:
            strong(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            out.append(comp)
sys.setrecursionlimit(10000)
for v in files:
    if v not in index:
        strong(v)
rel = lambda p: os.path.relpath(p, os.path.join(ROOT, '..'))
if out:
    for comp in out:
        print('circle:', ' <-> '.join(sorted(rel(c) for c in comp)))
    sys.exit(1)
print(f'no circle of imports among {len(files)} files')
