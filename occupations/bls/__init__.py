"""BLS's own data files: their models, how they are read, and the import that writes them.

- models.py: a release, the areas and industries BLS names, and one wage estimate per
  release x occupation x area x industry;
- flatfiles.py: BLS's time-series flat-file layout (tab-separated, padded, one header);
- oews.py and cpi.py: what the OEWS and CPI files hold, read and checked;
- importer.py: the service that writes one release in one transaction.
"""
