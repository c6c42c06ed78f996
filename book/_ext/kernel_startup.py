"""Run by every kernel that executes a chapter during the build (conf.py points
``PYTHONSTARTUP`` here, and IPython kernels run that file before the first cell).

Figures are drawn as SVG, so they stay sharp at any zoom and on high-density phone screens,
and their text stays text (``svg.fonttype = "none"``): smaller files, selectable labels, and
a font size the browser tests can read. One place for every chapter; a downloaded notebook
keeps Jupyter's defaults.
"""

from IPython import get_ipython
from matplotlib import rcParams
from matplotlib_inline.config import InlineBackend

rcParams["svg.fonttype"] = "none"
# Artists drawn with rasterized=True (dense scatter plots) become an image inside the SVG;
# at 150 dpi it stays sharp on a phone's high-density screen, where figures are shown at
# a third of their drawn width.
rcParams["savefig.dpi"] = 150
# The inline backend reads its formats from this singleton when pyplot is first imported.
InlineBackend.instance(parent=get_ipython()).figure_formats = {"svg"}
