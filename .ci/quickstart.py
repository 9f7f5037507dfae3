"""Print one of the README's two Quick start commands: `install` (the first) or `test`."""

import re
import sys
from pathlib import Path

readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
commands = re.findall(r"```sh\n(.*?)\n```", quick, flags=re.S)
if len(commands) != 2:
    sys.exit(f"the README's Quick start has {len(commands)} commands, not 2")
print(commands[{"install": 0, "test": 1}[sys.argv[1]]])
