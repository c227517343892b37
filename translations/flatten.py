"""Write every msgid and msgstr of our catalogs on one line (a header too), so that no line-based
check mistakes a wrapped entry for an empty one.  Run by `make translations`."""

import re
import sys
from pathlib import Path

WRAPPED = re.compile(r'^(msgid|msgstr|msgid_plural|msgstr\[\d+\]) ""\n((?:"[^\n]*"\n)+)', re.MULTILINE)


def flatten(text: str) -> str:
    return WRAPPED.sub(lambda m: f'{m.group(1)} "' + "".join(line[1:-1] for line in m.group(2).splitlines()) + '"\n',
                       text)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        path = Path(name)
        path.write_text(flatten(path.read_text(encoding="utf-8")), encoding="utf-8")
