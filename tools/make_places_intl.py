"""Write data/entities/places_intl.tsv: the names of countries, continents and regions and of
the cities that name a time zone, in each language the multilingual entity tagger reads, from
Unicode CLDR as shipped in the PyPI package `babel` (package BSD-3-Clause; CLDR data under the
Unicode License v3).

Usage: pip install --target /tmp/babel babel==2.19.0
       PYTHONPATH=/tmp/babel python3 tools/make_places_intl.py data/entities/places_intl.tsv
"""
import sys
import babel
from babel import Locale

LANGS = ['es', 'fr', 'it', 'de', 'pt', 'ru', 'uk', 'tr']
# not places: the world, unknown or outlying regions, and unions of states (organisations in
# the gold sets: the European Union, the United Nations, the eurozone)
SKIP = {'001', 'ZZ', 'QO', 'EU', 'EZ', 'UN'}
# German spelled before 1900 (and in HIPE's OCR): Oesterreich for Österreich
UMLAUT = str.maketrans({'ä': 'ae', 'ö': 'oe', 'ü': 'ue', 'Ä': 'Ae', 'Ö': 'Oe', 'Ü': 'Ue'})

# the English name of each: GeoNames' (data/entities/countries.tsv, the English gazetteer's
# canonical) for a country, else CLDR's English one
GEONAMES = {}
for line in open('data/entities/countries.tsv'):
    if not line.startswith('#'):
        f = line.rstrip('\n').split('\t')
        GEONAMES[f[1]] = f[0]
EN = Locale.parse('en')


def english(code):
    return GEONAMES.get(code) or EN.territories.get(code, '')


def english_city(tz):
    return EN.time_zones.get(tz, {}).get('city') or tz.split('/')[-1].replace('_', ' ')


rows = set()
for lang in LANGS:
    loc = Locale.parse(lang)
    names = []
    for code, name in loc.territories.items():
        if code in SKIP or '(' in name:
            continue
        names.append(('COUNTRY' if code.isalpha() else 'REGION', name, english(code)))
    for tz, d in loc.time_zones.items():
        city = d.get('city')
        if city and '(' not in city and not tz.startswith('Etc/'):
            names.append(('CITY', city, english_city(tz)))
    for kind, name, en in names:
        rows.add((lang, kind, name, en))
        if lang == 'de' and name.translate(UMLAUT) != name:
            rows.add((lang, kind, name.translate(UMLAUT), en))
with open(sys.argv[1], 'w') as f:
    f.write(f'# Unicode CLDR (Unicode License v3) via babel {babel.__version__}: territory and time-zone city names per language, with the English name (the GeoNames name of a country); written by tools/make_places_intl.py\n')
    f.write('# lang\tkind\tname\tenglish\n')
    for r in sorted(rows):
        f.write('\t'.join(r) + '\n')
