"""Writes seed/places.tsv: 玉林市's counties, towns and villages, from jionlp's china_location.txt.

The data file is part of the PyPI package jionlp 1.5.31 (https://github.com/dongrixinyu/JioNLP,
Apache License 2.0), in jionlp/dictionary/china_location.zip.  The project reads only the TSV this
script writes; it does not depend on jionlp.  To refresh it:

    pip download jionlp==1.5.31 --no-deps -d /tmp/jionlp && cd /tmp/jionlp && unzip -o jionlp-*.whl \
        jionlp/dictionary/china_location.zip && unzip -o jionlp/dictionary/china_location.zip
    python seed/extract_places.py /tmp/jionlp/china_location.txt > seed/places.tsv
"""

import sys

HEADER = """# 玉林市 administrative divisions: county, town (镇/乡/街道), village or community (村/社区).
# Extracted by seed/extract_places.py from china_location.txt in jionlp 1.5.31
# (https://github.com/dongrixinyu/JioNLP), Apache License 2.0.
county\ttown\tvillage"""


def rows(lines):
    inside = False
    county = town = None
    for line in lines:
        depth = len(line) - len(line.lstrip("\t"))
        name = line.strip().split("\t")[0] if line.strip() else ""
        if depth == 1:
            inside = name == "玉林市"
            continue
        if not inside or depth < 2 or not name:
            if depth == 0 and name:
                inside = False
            continue
        if depth == 2:
            county, town = name, None
        elif depth == 3:
            if town is not None and not had_village:
                yield county, town, ""
            town, had_village = name, False
        elif depth == 4:
            had_village = True
            yield county, town, name
    if town is not None and not had_village:
        yield county, town, ""


def main(path: str) -> None:
    with open(path, encoding="utf-8") as source:
        found = sorted(set(rows(line.rstrip("\n") for line in source)))
    print(HEADER)
    for row in found:
        print("\t".join(row))


if __name__ == "__main__":
    main(sys.argv[1])
