"""Build the one C extension; everything else is in pyproject.toml.

``storyline.summarize._kernel`` holds the summarizer's inner loops (see its source for
why). It is optional at run time: without it the pure-Python code gives the same output.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "storyline.summarize._kernel",
            sources=["src/storyline/summarize/_kernel.c"],
            extra_compile_args=["-O2", "-std=c99", "-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-missing-field-initializers"],
        )
    ],
)
