"""Build the C extensions; everything else is in pyproject.toml.

``storyline.summarize._kernel`` holds the summarizer's inner loops and
``storyline.clean._scan`` the cleaner's long-sentence scan (see their sources for why).
Both are optional at run time: without them the pure-Python code gives the same output.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "storyline.summarize._kernel",
            sources=["src/storyline/summarize/_kernel.c"],
            extra_compile_args=["-O2", "-std=c99", "-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-missing-field-initializers"],
        ),
        Extension(
            "storyline.clean._scan",
            sources=["src/storyline/clean/_scan.c"],
            extra_compile_args=["-O2", "-std=c99", "-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-missing-field-initializers"],
        ),
    ],
)
