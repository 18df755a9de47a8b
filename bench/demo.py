"""load_demo benchmark: a fresh database, the whole demo, wall and CPU seconds.

    .venv/bin/python bench/demo.py

CPU seconds are the fair figure on a shared machine (wall time waits for other
processes). The demo once hashed each of its 16 people's passwords with argon2
(~0.4 s each) and rejected 530 look-alike repeat suggestions one transaction at a time;
it now hashes the one demo password once and rejects a complaint's other suggestions
together.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    with tempfile.TemporaryDirectory(prefix="ducha-bench-demo-") as home:
        env = dict(os.environ, DUCHA_HOME=home)
        env.pop("DATABASE_URL", None)
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], check=True, env=env, cwd=ROOT)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([*manage, "load_demo"], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(json.dumps({"load_demo_wall_s": round(wall, 1), "load_demo_cpu_s": round(cpu, 1)}))


if __name__ == "__main__":
    main()
