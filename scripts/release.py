#!/usr/bin/env python3
"""The release line of roleext (doc/release.md).

roleext.control's default_version is the one place the version is written.

  release.py check   (make release-check; a db check of make test)
      fails when META.json, debian/changelog or CHANGELOG.md disagree with
      it, when META.json is not valid under the PGXN Meta Spec 1.0.0, when
      a released version's built script differs from its frozen copy in
      sql/released/, or when a version step leads nowhere.
  release.py sync    (make meta)
      writes the version into META.json (version, provides, release_status)
      and opens a debian/changelog entry for it.
  release.py freeze  (make freeze)
      copies the built sql/roleext--V.sql to sql/released/: V is released.
"""
import datetime
import json
import os
import re
import shutil
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
SEMVER = re.compile(r'^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$')
LICENSES = {'agpl_3', 'apache_1_1', 'apache_2_0', 'artistic_1', 'artistic_2', 'bsd', 'freebsd',
            'gfdl_1_2', 'gfdl_1_3', 'gpl_1', 'gpl_2', 'gpl_3', 'lgpl_2_1', 'lgpl_3_0', 'mit',
            'mozilla_1_0', 'mozilla_1_1', 'openssl', 'perl_5', 'postgresql', 'qpl_1_0', 'ssleay',
            'sun', 'zlib', 'open_source', 'restricted', 'unrestricted', 'unknown'}
PHASES = {'configure', 'build', 'test', 'runtime', 'develop'}
RELATIONS = {'requires', 'recommends', 'suggests', 'conflicts'}
CHANGELOG_HEADING = re.compile(r'^## \[([^\]]+)\] - (unreleased|\d{4}-\d{2}-\d{2})$')


def path(*p):
    return os.path.join(ROOT, *p)


def control_version():
    with open(path('roleext.control')) as f:
        for line in f:
            m = re.match(r"^default_version\s*=\s*'([^']*)'", line)
            if m:
                return m.group(1)
    raise SystemExit('roleext.control has no default_version')


def released_versions():
    d = path('sql', 'released')
    out = []
    for name in os.listdir(d) if os.path.isdir(d) else []:
        m = re.match(r'^roleext--(.+)\.sql$', name)
        if m:
            out.append(m.group(1))
    return out


def steps():
    out = []
    for name in os.listdir(path('sql')):
        m = re.match(r'^roleext--(.+)--(.+)\.sql$', name)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


def meta_problems(meta, version):
    """The PGXN Meta Spec 1.0.0 (https://pgxn.org/spec/): required keys and
    the types and vocabularies of the ones roleext uses."""
    p = []
    for key in ('name', 'abstract', 'maintainer', 'version', 'license', 'provides', 'meta-spec'):
        if key not in meta:
            p.append('META.json: required key %r is missing' % key)
    if meta.get('name') != 'roleext':
        p.append('META.json: name is %r, not roleext' % meta.get('name'))
    for key in ('abstract', 'description', 'generated_by'):
        if key in meta and not (isinstance(meta[key], str) and meta[key].strip()):
            p.append('META.json: %s must be a non-empty string' % key)
    m = meta.get('maintainer')
    if not (isinstance(m, str) or (isinstance(m, list) and m and all(isinstance(x, str) for x in m))):
        p.append('META.json: maintainer must be a string or a list of strings')
    lic = meta.get('license')
    lics = [lic] if isinstance(lic, str) else list(lic) if isinstance(lic, list) else \
        list(lic.keys()) if isinstance(lic, dict) else []
    if not lics or (not isinstance(lic, dict) and any(x not in LICENSES for x in lics)):
        p.append('META.json: license %r is not a PGXN license name' % (lic,))
    if meta.get('version') != version:
        p.append('META.json: version %r differs from roleext.control default_version %r'
                 % (meta.get('version'), version))
    ms = meta.get('meta-spec', {})
    if not isinstance(ms, dict) or ms.get('version') != '1.0.0':
        p.append('META.json: meta-spec.version must be 1.0.0')
    prov = meta.get('provides')
    if not isinstance(prov, dict) or 'roleext' not in prov:
        p.append('META.json: provides must name the extension roleext')
    else:
        for ext, e in prov.items():
            if not isinstance(e, dict):
                p.append('META.json: provides.%s must be an object' % ext)
                continue
            for key in ('file', 'version'):
                if key not in e:
                    p.append('META.json: provides.%s.%s is required' % (ext, key))
            if not SEMVER.match(str(e.get('version', ''))):
                p.append('META.json: provides.%s.version %r is not a semantic version' % (ext, e.get('version')))
            for key in ('file', 'docfile'):
                if key in e and not os.path.exists(path(e[key])):
                    p.append('META.json: provides.%s.%s %r does not exist' % (ext, key, e[key]))
        if prov.get('roleext', {}).get('version') != version:
            p.append('META.json: provides.roleext.version differs from roleext.control default_version')
    rs = meta.get('release_status')
    want = 'stable' if version in released_versions() else 'unstable'
    if rs not in ('stable', 'testing', 'unstable'):
        p.append('META.json: release_status must be stable, testing or unstable')
    elif rs != want:
        p.append('META.json: release_status is %r; %s is %s, so it is %r (make meta)'
                 % (rs, version, 'released' if want == 'stable' else 'not released', want))
    pre = meta.get('prereqs', {})
    if not isinstance(pre, dict):
        p.append('META.json: prereqs must be an object')
    else:
        for phase, rels in pre.items():
            if phase not in PHASES or not isinstance(rels, dict):
                p.append('META.json: prereqs.%s is not a phase' % phase)
                continue
            for rel, reqs in rels.items():
                if rel not in RELATIONS or not isinstance(reqs, dict):
                    p.append('META.json: prereqs.%s.%s is not a relation' % (phase, rel))
                    continue
                for name, ver in reqs.items():
                    if not (ver == 0 or ver == '0' or (isinstance(ver, str) and re.match(
                            r'^\s*((>=|<=|==|!=|>|<)\s*)?\d+\.\d+\.\d+', ver))):
                        p.append('META.json: prereqs.%s.%s.%s: %r is not a version range'
                                 % (phase, rel, name, ver))
    res = meta.get('resources')
    if res is not None:
        if not isinstance(res, dict) or not all(k in ('homepage', 'bugtracker', 'repository')
                                                or k.startswith('x_') for k in res):
            p.append('META.json: resources may hold homepage, bugtracker, repository')
    if 'tags' in meta and not (isinstance(meta['tags'], list) and all(isinstance(t, str) and 0 < len(t) < 256
                                                                        for t in meta['tags'])):
        p.append('META.json: tags must be a list of strings')
    return p


def debian_version():
    f = path('debian', 'changelog')
    if not os.path.exists(f):
        return None
    with open(f) as fh:
        m = re.match(r'^\S+ \(([^)]+)\)', fh.readline())
    return m.group(1) if m else ''


def changelog_problems(version):
    p = []
    headings = []
    with open(path('CHANGELOG.md')) as f:
        for n, line in enumerate(f, 1):
            if line.startswith('## '):
                m = CHANGELOG_HEADING.match(line.rstrip('\n'))
                if not m:
                    p.append('CHANGELOG.md:%d: a version heading is "## [X.Y.Z] - YYYY-MM-DD" '
                             'or "## [X.Y.Z] - unreleased", not %r' % (n, line.rstrip()))
                else:
                    headings.append((m.group(1), m.group(2)))
    if not headings or headings[0][0] != version:
        p.append('CHANGELOG.md: the first version heading must be %s' % version)
    elif version in released_versions() and headings[0][1] == 'unreleased':
        p.append('CHANGELOG.md: %s is released (sql/released/) but its heading says unreleased' % version)
    for v, date in headings:
        if date != 'unreleased':
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                p.append('CHANGELOG.md: %s has no valid date %r' % (v, date))
        elif v != version:
            p.append('CHANGELOG.md: only the current version may be unreleased, not %s' % v)
    return p


def check():
    version = control_version()
    p = []
    if not SEMVER.match(version):
        p.append('roleext.control: default_version %r is not X.Y.Z' % version)
    try:
        with open(path('META.json')) as f:
            meta = json.load(f)
        p += meta_problems(meta, version)
    except ValueError as e:
        p.append('META.json is not valid JSON: %s' % e)
    dv = debian_version()
    if dv is not None and dv.rsplit('-', 1)[0] != version:
        p.append('debian/changelog: version %s is not %s-N (make meta)' % (dv, version))
    p += changelog_problems(version)
    released = released_versions()
    built = path('sql', 'roleext--%s.sql' % version)
    frozen = path('sql', 'released', 'roleext--%s.sql' % version)
    if version in released and os.path.exists(built):
        with open(built, 'rb') as a, open(frozen, 'rb') as b:
            if a.read() != b.read():
                p.append('sql/roleext--%s.sql differs from its frozen copy sql/released/: version %s is '
                         'released; put the change in a new version step' % (version, version))
    for a, b in steps():
        if a not in released:
            p.append('sql/roleext--%s--%s.sql starts at %s, which is not released' % (a, b, a))
        if b not in released and b != version:
            p.append('sql/roleext--%s--%s.sql ends at %s, neither released nor the current version' % (a, b, b))
    if p:
        print('\n'.join(p))
        print('release-check: %d problem(s)' % len(p))
        return 1
    print('release-check: version %s agrees in roleext.control, META.json, debian/changelog, CHANGELOG.md%s'
          % (version, '; frozen' if version in released else ''))
    return 0


def sync():
    version = control_version()
    with open(path('META.json')) as f:
        meta = json.load(f)
    meta['version'] = version
    meta.setdefault('provides', {}).setdefault('roleext', {})['version'] = version
    meta['release_status'] = 'stable' if version in released_versions() else 'unstable'
    with open(path('META.json'), 'w') as f:
        json.dump(meta, f, indent=3, ensure_ascii=False)
        f.write('\n')
    dv = debian_version()
    if dv is not None and dv.rsplit('-', 1)[0] != version:
        with open(path('debian', 'changelog')) as f:
            old = f.read()
        m = re.search(r'^ -- (.+?)  ', old, re.M)
        who = m.group(1) if m else 'roleext maintainers <roleext@localhost>'
        when = datetime.datetime.now(datetime.timezone.utc).strftime('%a, %d %b %Y %H:%M:%S +0000')
        entry = ('roleext (%s-1) UNRELEASED; urgency=medium\n\n  * New upstream version %s.\n\n -- %s  %s\n\n'
                 % (version, version, who, when))
        with open(path('debian', 'changelog'), 'w') as f:
            f.write(entry + old)
    print('META.json and debian/changelog now say %s' % version)
    return 0


def freeze():
    version = control_version()
    built = path('sql', 'roleext--%s.sql' % version)
    frozen = path('sql', 'released', 'roleext--%s.sql' % version)
    if not os.path.exists(built):
        raise SystemExit('%s is not built: run make first' % built)
    if os.path.exists(frozen):
        raise SystemExit('%s exists: a released version is frozen once' % frozen)
    shutil.copyfile(built, frozen)
    print('froze %s as %s' % (built, frozen))
    return 0


if __name__ == '__main__':
    cmd = sys.argv[1] if len(sys.argv) > 1 else 'check'
    sys.exit({'check': check, 'sync': sync, 'freeze': freeze}[cmd]())
