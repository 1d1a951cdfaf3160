"""vanban: read Vietnamese administrative and Party documents, extract and check them.

Public API for notebooks and other tools:
    process_file(path) -> Result
"""
__version__ = "0.1.0"


def process_file(path, packs=None, *, strict=False):
    from pipeline.process import process_file as _pf
    return _pf(path, packs, strict=strict)
