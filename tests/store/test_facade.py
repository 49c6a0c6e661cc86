"""Rules of `WorkshopStore` itself: the file it opens and its backup."""

from __future__ import annotations

from kpi_logic.store import WorkshopStore


def test_backup_is_a_working_copy_of_the_whole_file(store, tmp_path, full_workshop):
    store.backup(tmp_path / "backups" / "copy.db")
    copy_store = WorkshopStore(tmp_path / "backups" / "copy.db")
    assert copy_store.transfer.export_workshop(full_workshop.id) == store.transfer.export_workshop(full_workshop.id)
