"""Sphinx configuration of the sktime-varlstm documentation.

Build it with warnings as errors, from the project folder::

    pip install -e ".[docs]"
    python -m sphinx -W --keep-going -b html docs docs/_build/html

The API reference imports the installed package (and, through the
estimators, TensorFlow). The docstrings' examples run as doctests under
pytest (``--doctest-modules``), not here.
"""

import os
import re
from pathlib import Path

# TensorFlow's Python logging; its C++ start-up lines may still show
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import sktime_varlstm  # noqa: E402

project = "sktime-varlstm"
author = "sktime-varlstm developers"
copyright = "sktime-varlstm developers"
release = sktime_varlstm.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "myst_parser",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# MyST: anchors for headings down to level 3, so pages can link to sections
myst_heading_anchors = 3

# autodoc: document the public paths only, in the order of the source
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # numpydoc's "Parameters" sections give the types
autosummary_generate = False  # summary tables link to the entries on the page

# numpydoc: the estimators inherit dozens of methods from scikit-learn and
# sktime; the API page lists the ones users call, so no member tables here
numpydoc_show_class_members = False
numpydoc_show_inherited_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

html_theme = "alabaster"
html_title = f"sktime-varlstm {release}"
html_static_path = []
html_theme_options = {"description": "Keras networks on unequal-length series"}


# The API page must name every public object: a name added to an ``__all__``
# without an entry in api.rst fails the build (it warns, and -W makes it fail).
PUBLIC_MODULES = (
    "sktime_varlstm",
    "sktime_varlstm.datasets",
    "sktime_varlstm.networks",
    "sktime_varlstm.parallel",
)


def _check_api_page(app):
    import importlib

    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    text = (Path(app.srcdir) / "api.rst").read_text()
    documented = set(re.findall(r"^\.\. (?:auto\w+|py:\w+):: ([\w.]+)", text, re.M))
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            if f"{module_name}.{name}" not in documented:
                logger.warning(
                    f"api.rst has no entry for {module_name}.{name}, "
                    f"which {module_name}.__all__ lists"
                )


def setup(app):
    app.connect("builder-inited", _check_api_page)
