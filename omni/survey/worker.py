"""Entry point of a parser worker process: `python -m omni.survey.worker MEMORY_MB`."""

import sys

from omni.survey.isolation import serve
from omni.survey.limits import IntakeLimits

serve(int(sys.argv[1]) if len(sys.argv) > 1 else IntakeLimits().parse_memory_mb)
