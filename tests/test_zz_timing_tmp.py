import time, pytest
from tests import test_export_import as t
def test_timing(tmp_path, fixtures_dir):
    T=time.time()
    path = t.export(tmp_path); print("export", time.time()-T); T=time.time()
    t.empty_the_database(); print("empty", time.time()-T); T=time.time()
    t.import_content(path); print("import", time.time()-T); T=time.time()
    t.load_content("--without-bls"); print("load w/o bls", time.time()-T); T=time.time()
    t.load_content(); print("load with bls", time.time()-T); T=time.time()
