#!/usr/bin/env python3
"""resolve_taxonomy.py -- the role cards of the taxonomies make eval-resolve and
bench/resolve.sql measure resolve_title on (doc/titles.md, "Measuring
resolve_title"), written as one JSON array for roleext.import_role_cards.

    python3 eval/resolve_taxonomy.py --data data soc   > soc.json
    python3 eval/resolve_taxonomy.py --data data scale > scale.json

soc: one role per SOC 2018 detailed occupation (867), at level P2, under the
chain superfunction (major group) / function (minor group) / family (broad
group) / specialization (the detailed occupation), each node mapped to its
SOC group, the role to its occupation.  The role's title is the SOC title,
its summary the SOC definition.  Its aliases: the O*NET 27.0 alternate
titles of its occupation's O*NET-SOC codes that are in the training split
(the development split, substr(md5(lower(title)), 1, 8) < '33333333', is
what make eval and make eval-resolve code, so none of its titles is an
alias), type common; and the SOC title and the O*NET-SOC titles of the
occupation, type official.  Every alias has confidence 1.00: O*NET lists it
as a name of the occupation; a title listed under several occupations is
an alias of each, and telling them apart is the engine's job.

scale: 20,000 roles and 100,000 aliases for the same occupations.  Each
occupation gets its general specialization (as in soc) and three industry
specializations (chosen by the md5 of its code), each at P1-P4, M1 and M2
(24 roles, 20,808 in all; the M2 role of 808 specializations, chosen by
md5, is left out).  The general P2 role has the aliases of soc; every other
role a share of the rest, up to 100,000 in all: its occupation's aliases
with the role's level word and industry ("Senior Tax Preparer", "Tax
Preparer Manager", "Healthcare Tax Preparer").

Deterministic: no randomness but md5 of fixed strings; the same data give
byte for byte the same file.  Reads only the files named below, from the
repository's data/ (a byte-identical copy of ../shared/data; see its
PROVENANCE.md).
"""
import argparse
import csv
import hashlib
import json
import sys

ALT = 'onet/onet_27_0_alternate_titles_train.tsv'
OCC = 'onet/onet_27_0_occupation_data.tsv'
SOC = 'soc2018/soc2018_all.csv'
DEF = 'soc2018/soc_2018_definitions.tsv'

INDUSTRIES = [  # (label, name)
    ('HLTH', 'Healthcare'), ('FIN', 'Financial Services'), ('RETL', 'Retail'),
    ('GOVT', 'Government'), ('MFG', 'Manufacturing'), ('EDU', 'Education'),
    ('ENRG', 'Energy'), ('LOGI', 'Logistics'), ('TECH', 'Technology'),
    ('HOSP', 'Hospitality'), ('CONS', 'Construction'), ('MEDIA', 'Media'),
]
# level, prefix word, suffix word of the titles of scale's roles
LEVELS = [('P1', 'Junior', ''), ('P2', '', ''), ('P3', 'Senior', ''), ('P4', 'Lead', ''),
          ('M1', '', 'Supervisor'), ('M2', '', 'Manager')]
RANK_NOUNS = {'manager', 'managers', 'supervisor', 'supervisors', 'director', 'directors',
              'superintendent', 'superintendents', 'foreman', 'forewoman'}
SCALE_ROLES = 20000
SCALE_ALIASES = 100000


def md5(s):
    return hashlib.md5(s.encode('utf-8')).hexdigest()


def in_dev(title):
    """The development split of make eval (eval/eval.sql, eval/eval_data.c)."""
    return md5(title.lower())[:8] < '33333333'


def read_tsv(path):
    with open(path, encoding='utf-8', newline='') as f:
        rows = list(csv.reader(f, delimiter='\t', quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


def load(data):
    with open(f'{data}/{SOC}', encoding='utf-8', newline='') as f:
        soc = list(csv.DictReader(f))
    title = {r['code']: r['title'] for r in soc}
    detailed = sorted((r for r in soc if r['Hierarchical_structure'] == 'Detailed'), key=lambda r: r['code'])
    if len(detailed) != 867:
        sys.exit(f'resolve_taxonomy: {len(detailed)} detailed occupations in {SOC}, expected 867')
    _, defs = read_tsv(f'{data}/{DEF}')
    definition = {r[1]: r[3] for r in defs if len(r) >= 4 and r[3]}
    names = {}      # 6-digit code -> [(alias, type)], official first
    _, occ = read_tsv(f'{data}/{OCC}')
    for r in sorted(occ):
        names.setdefault(r[0][:7], []).append((r[1], 'official'))
    header, alt = read_tsv(f'{data}/{ALT}')
    if header[:2] != ['O*NET-SOC Code', 'Alternate Title']:
        sys.exit(f'resolve_taxonomy: unexpected header in {ALT}: {header}')
    for r in sorted(alt, key=lambda r: (r[0], r[1])):
        if not in_dev(r[1]):
            names.setdefault(r[0][:7], []).append((r[1], 'common'))
    return title, detailed, definition, names


def distinct(pairs):
    """The pairs with the first of each alias compared lower-cased."""
    seen, out = set(), []
    for a, t in pairs:
        if a.lower() not in seen and len(a) <= 500:
            seen.add(a.lower())
            out.append((a, t))
    return out


def chain(d, title):
    """The taxonomy chain of a detailed occupation row, top first, and its specialization's code."""
    major, minor, broad, code = d['soc2d'], d['soc3d'], d['soc5d'], d['code']
    sf = 'SOC' + major[:2]
    fn = 'SOC' + minor[:2] + '_' + minor[3:5]
    fam = fn + '.B' + broad.replace('-', '')
    spec = fam + '.D' + code.replace('-', '')

    def node(c, kind, name, soc):
        return {'code': c, 'kind': kind, 'name': name,
                'mappings': [{'scheme': 'soc2018', 'code': soc, 'source': 'manual',
                              'review_status': 'approved'}]}
    return [node(sf, 'superfunction', title[major], major),
            node(fn, 'function', title[minor], minor),
            node(fam, 'family', title[broad], broad),
            node(spec, 'specialization', title[code], code)], spec


def card(code, title, summary, taxonomy, aliases, soc):
    c = {'format': 'roleext.role_card/1', 'code': code, 'title': title, 'level': code.rsplit('.', 1)[1],
         'taxonomy': taxonomy,
         'aliases': [{'alias': a, 'type': t, 'confidence': 1.0} for a, t in aliases],
         'mappings': [{'scheme': 'soc2018', 'code': soc, 'source': 'manual', 'review_status': 'approved'}]}
    if summary:
        c['summary'] = summary
    return c


def soc_cards(data):
    title, detailed, definition, names = load(data)
    cards = []
    for d in detailed:
        tax, spec = chain(d, title)
        aliases = distinct([(d['title'], 'official')] + names.get(d['code'], []))
        cards.append(card(spec + '.P2', d['title'], definition.get(d['code']), tax, aliases, d['code']))
    return cards


def singular(t):
    """A rough singular of a plural SOC title's head ("Tax Preparers" -> "Tax Preparer")."""
    head, sep, tail = t.partition(',')
    w = head.rsplit(' ', 1)
    last = w[-1]
    if last.endswith('ies') and len(last) > 4:
        last = last[:-3] + 'y'
    elif last.endswith(('sses', 'shes', 'ches')):
        last = last[:-2]
    elif last.endswith('s') and not last.endswith(('ss', 'us', 'is')):
        last = last[:-1]
    return ' '.join(w[:-1] + [last]) + sep + tail


def decorate(name, level, industry):
    _, pre, suf = next(x for x in LEVELS if x[0] == level)
    if suf and name.rsplit(' ', 1)[-1].lower() in RANK_NOUNS:
        # "Venue Manager": "Assistant Venue Manager" (M1), "Head Venue Manager" (M2)
        pre, suf = ('Assistant' if level == 'M1' else 'Head'), ''
    words = [pre, industry or '', name, suf]
    return ' '.join(w for w in words if w)


def scale_cards(data):
    title, detailed, definition, names = load(data)
    specs = []      # (d, spec code, industry name or None, levels)
    for d in detailed:
        tax, spec = chain(d, title)
        h = int(md5(d['code'])[:8], 16)
        picks = []
        for i in range(len(INDUSTRIES)):
            ind = INDUSTRIES[(h + i * 5) % len(INDUSTRIES)]
            if ind not in picks:
                picks.append(ind)
            if len(picks) == 3:
                break
        specs.append((d, tax, spec, None))
        for label, name in picks:
            specs.append((d, tax, spec + '_' + label, name))
    nroles = len(specs) * len(LEVELS)
    drop = set(sorted(range(len(specs)), key=lambda i: md5('drop' + specs[i][2]))[:nroles - SCALE_ROLES])
    roles = []      # (d, tax, spec code, industry, level)
    for i, (d, tax, spec, ind) in enumerate(specs):
        for level, _, _ in LEVELS:
            if level == 'M2' and i in drop:
                continue
            roles.append((d, tax, spec, ind, level))
    assert len(roles) == SCALE_ROLES
    base = {d['code']: distinct([(d['title'], 'official')] + names.get(d['code'], [])) for d in detailed}
    general = sum(len(base[d['code']]) for d, _, _, ind, lv in roles if ind is None and lv == 'P2')
    left = SCALE_ALIASES - general
    cards = []
    for d, tax, spec, ind, level in roles:
        code = d['code']
        t = singular(d['title'])
        if ind is not None:
            tax = tax[:3] + [dict(tax[3], code=spec, name=f"{d['title']}, {ind}", mappings=[])]
        if ind is None and level == 'P2':
            aliases = base[code]
            rtitle = d['title']
        else:
            rtitle = decorate(t, level, ind)
            aliases = []
        cards.append([card(spec + '.' + level, rtitle, definition.get(code) if level == 'P2' else None,
                           tax, aliases, code), d, ind, level])
    # the shares: one alias a role in turn, over the roles other than the general P2 ones,
    # until 100,000 aliases; each role's aliases its occupation's, decorated, in md5 order
    pools = {}
    for c, d, ind, level in cards:
        if ind is None and level == 'P2':
            continue
        key = c['code']
        order = sorted(base[d['code']], key=lambda p: md5(key + p[0]))
        pools[key] = iter(distinct([(decorate(a, level, ind), 'common') for a, _ in order]))
    queue = [c for c, d, ind, level in cards if not (ind is None and level == 'P2')]
    while left > 0 and queue:
        nxt = []
        for c in queue:
            if left == 0:
                break
            a = next(pools[c['code']], None)
            if a is None:
                continue
            c['aliases'].append({'alias': a[0], 'type': a[1], 'confidence': 1.0})
            left -= 1
            nxt.append(c)
        queue = nxt
    return [c for c, _, _, _ in cards]


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--data', default='data', help='the data directory (default data)')
    p.add_argument('which', choices=['soc', 'scale'])
    a = p.parse_args()
    cards = soc_cards(a.data) if a.which == 'soc' else scale_cards(a.data)
    json.dump(cards, sys.stdout, ensure_ascii=False, separators=(',', ':'), sort_keys=True)
    sys.stdout.write('\n')
    n = sum(len(c['aliases']) for c in cards)
    print(f'resolve_taxonomy: {a.which}: {len(cards)} roles, {n} aliases', file=sys.stderr)


if __name__ == '__main__':
    main()
