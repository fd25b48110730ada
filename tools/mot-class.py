#!/usr/bin/env python3
# mot-class.py: the class the Model Openness Tool computes for its model records,
# re-implemented from its PHP (lfai/model_openness_tool: web/modules/mof/src/
# ModelEvaluator.php, LicenseHandler.php, ModelUpdater.php) with its own licence
# lists (web/modules/mof/licenses.json, mof-licenses.json) and component table
# (web/modules/mof/config/install/mof.settings.yml).  Not part of make test: it
# produced the mot_class column of test/data/mof/expected.tsv, independently of
# glossary's C code, and can check it again after the MOT changes.
#
# Usage: tools/mot-class.py MOT_GIT_DIR RECORD.yml...   (python3-yaml)
# Prints: RECORD CLASS [class I, II, III progress in percent, as the MOT shows it]
import json, subprocess, sys, yaml
GIT = sys.argv[1]
def mot_file(path):
    return subprocess.run(['git', '--git-dir=' + GIT, 'show', 'HEAD:' + path],
                          check=True, capture_output=True, text=True).stdout
S = yaml.safe_load(mot_file('web/modules/mof/config/install/mof.settings.yml'))['components']
BYNAME = {c['name']: c for c in S}
OPEN_DATA = set('''CC0-1.0 CC-BY-1.0 CC-BY-2.0 CC-BY-2.5 CC-BY-2.5-AU CC-BY-3.0 CC-BY-3.0-AT CC-BY-3.0-AU
CC-BY-3.0-DE CC-BY-3.0-IGO CC-BY-3.0-NL CC-BY-3.0-US CC-BY-4.0 CC-BY-SA-1.0 CC-BY-SA-2.0 CC-BY-SA-2.0-UK
CC-BY-SA-2.1-JP CC-BY-SA-2.5 CC-BY-SA-3.0 CC-BY-SA-3.0-AT CC-BY-SA-4.0 CDLA-Permissive-1.0 CDLA-Permissive-2.0
CDLA-Sharing-1.0 ODC-PDDL-1.0 ODC-By-1.0 ODbL-1.0 GFDL-1.3 OGL-Canada-2.0 OGL-UK-2.0 OGL-UK-3.0'''.split())
OSIFSF = set()
for f in ('web/modules/mof/licenses.json', 'web/modules/mof/mof-licenses.json'):
    for l in json.loads(mot_file(f))['licenses']:
        if l.get('isOsiApproved') or l.get('isFsfLibre'):
            OSIFSF.add(l['licenseId'])
def is_open(lic):
    return lic in OSIFSF or lic in OPEN_DATA or lic == 'OpenMDW-1.0'
def required(cls): return [c['id'] for c in S if c['class'] == cls and c['required']]
def evaluate(rel):
    comps = {}
    for cd in rel.get('components') or []:
        c = BYNAME[cd['name']]          # the MOT takes an unknown name for its first component; refused here
        d = {}
        for k in ('license', 'license_path', 'component_path'):
            if cd.get(k) is not None:
                d[k] = '' if (k == 'license' and cd[k] == 'unlicensed') else cd[k]
        comps[c['id']] = d
    glob = rel.get('license') or {}
    def resolve(cid):
        cl = comps[cid]
        if 'license' in cl:
            return cl['license'] or None
        t = [c for c in S if c['id'] == cid][0]['content_type']
        g = glob.get(t) or {}
        if g.get('name'): return g['name']
        g = glob.get('distribution') or {}
        if g.get('name'): return g['name']
        return None
    ev = {}
    req = []
    for cls in (3, 2, 1):
        req = req + required(cls)
        ev[cls] = {'included': [], 'invalid': [], 'unlicensed': []}
        for cid in req:
            if cid not in comps: continue
            lic = resolve(cid) or 'unlicensed'
            lic = str(lic)
            if is_open(lic): ev[cls]['included'].append(cid)
            elif lic == 'unlicensed': ev[cls]['unlicensed'].append(cid)
            else: ev[cls]['invalid'].append(cid)
    def status(e, cid):
        for s in ('included', 'invalid', 'unlicensed'):
            if cid in e[s]: return s
        return None
    if status(ev[3], 11) != 'included':
        rp = status(ev[1], 21)
        if rp is not None:
            for cls in (2, 3): ev[cls][rp].append(21)
    def progress(cls):
        total = 0
        i = 3
        while i >= cls:
            total += len(required(i))
            included = len(ev[i]['included'])
            if included < total: break
            i -= 1
        if i > cls: return 0.0
        if cls == 1 and status(ev[1], 11) != 'included' and status(ev[1], 21) == 'included':
            total -= 1
        return min(100.0, included / total * 100)
    cls = 0
    for c in (3, 2, 1):
        if progress(c) == 100.0: cls = c
    return cls, [round(progress(c)) for c in (1, 2, 3)]
if __name__ == '__main__':
    for f in sys.argv[2:]:
        d = yaml.safe_load(open(f))
        try:
            print(f, *evaluate(d['release']))
        except Exception as e:
            print(f, 'ERROR', repr(e))
