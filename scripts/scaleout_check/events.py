"""What the servers stored: Rasa's ``events`` table, read (and back-dated for expiry)."""
from __future__ import annotations

import json
from typing import Optional

from scripts.scaleout_check.postgres import Database
from scripts.scaleout_check.settings import RETENTION_HOURS


class Events:
    """Read-only view of Rasa's ``events`` table (plus the back-dating used for expiry)."""

    def __init__(self, db: Database) -> None:
        import psycopg2

        self.connection = psycopg2.connect(host=db.host, port=db.port, dbname=db.name,
                                           user=db.user, password=db.password)
        self.connection.autocommit = True

    def rows(self, sender: str) -> list[tuple[str, float, Optional[str], Optional[str], str]]:
        """``(type_name, timestamp, intent_name, action_name, data)`` in stored order."""
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT type_name, timestamp, intent_name, action_name, data FROM events "
                           "WHERE sender_id = %s ORDER BY id", (sender,))
            return cursor.fetchall()

    def count_containing(self, fragment: str) -> int:
        """Rows whose stored JSON contains ``fragment`` anywhere."""
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM events WHERE data LIKE %s", (f"%{fragment}%",))
            return cursor.fetchone()[0]

    def age(self, sender: str, seconds: float) -> None:
        """Move every event of a conversation ``seconds`` into the past."""
        with self.connection.cursor() as cursor:
            cursor.execute("UPDATE events SET timestamp = timestamp - %s, "
                           "data = jsonb_set(data::jsonb, '{timestamp}', "
                           "to_jsonb((data::jsonb->>'timestamp')::float - %s))::text "
                           "WHERE sender_id = %s", (seconds, seconds, sender))


def slot_values(rows: list, slot: str) -> list:
    """Values set for ``slot``, in order."""
    values = []
    for type_name, _, _, _, data in rows:
        if type_name == "slot":
            event = json.loads(data)
            if event.get("name") == slot:
                values.append(event.get("value"))
    return values


def turns_in_order(rows: list) -> bool:
    """Each stored user message follows a finished turn (``action_listen``): none interleaved."""
    for index, (type_name, *_rest) in enumerate(rows):
        if type_name == "user" and (index == 0 or rows[index - 1][3] != "action_listen"):
            return False
    return True


def user_texts(rows: list) -> list[str]:
    """Texts of the person's messages as stored."""
    return [json.loads(data).get("text") or "" for type_name, _, _, _, data in rows if type_name == "user"]


def make_sweeper(db: Database):
    """The production tracker store, as the servers build it (used to sweep expired conversations)."""
    from extensions.tracker_store import PrivateTrackerStore

    return PrivateTrackerStore(None, backend="sql", dialect="postgresql", host=db.host, port=db.port,
                               db=db.name, username=db.user, password=db.password,
                               retention_hours=RETENTION_HOURS)
