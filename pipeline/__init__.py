"""vanban: read Vietnamese administrative and Party documents, extract and check them.

Public API for notebooks and other tools:
    process_file(path) -> Result
    load_batch(out_dir) -> Batch   (pandas DataFrames: documents, tasks, deadlines, findings)
"""
__version__ = "0.1.0"


def process_file(path, packs=None, *, strict=False):
    from pipeline.process import process_file as _pf
    return _pf(path, packs, strict=strict)


def load_batch(out_dir):
    """Load a `vanban run` output folder as DataFrames (imports pandas only when called)."""
    from pipeline.api import load_batch as _lb
    return _lb(out_dir)
