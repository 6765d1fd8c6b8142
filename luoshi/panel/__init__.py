"""Research panels: a corpus of reports through the engine into one Parquet table.

``batch`` runs every report through the engine in worker processes (or on a Dask cluster),
resumable by content hash; ``compare`` sets a parent government's target beside its
children's; ``identity`` names a government within its parent. No Django here.
"""
