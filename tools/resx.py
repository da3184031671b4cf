#!/usr/bin/env python3
"""Writes a .resx pair (German neutral, English satellite) from a TSV of key<TAB>German<TAB>English.

Usage: tools/resx.py texts.tsv Path/To/Name   ->  Name.resx (de) and Name.en.resx
Existing keys in the .resx files are kept unless the TSV redefines them.
"""
import sys, xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def load(path):
    try:
        return {d.get('name'): (d.findtext('value') or '') for d in ET.parse(path).getroot().findall('data')}
    except FileNotFoundError:
        return {}

def write(path, entries):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for k in sorted(entries):
            f.write(f'  <data name="{escape(k)}" xml:space="preserve"><value>{escape(entries[k])}</value></data>\n')
        f.write('</root>\n')

tsv, base = sys.argv[1], sys.argv[2]
de, en = load(base + '.resx'), load(base + '.en.resx')
for line in open(tsv, encoding='utf-8'):
    line = line.rstrip('\n')
    if not line or line.startswith('#'):
        continue
    key, german, english = line.split('\t')
    de[key], en[key] = german, english
write(base + '.resx', de)
write(base + '.en.resx', en)
