"""Cut long texts into chat messages of at most :data:`MAX_MESSAGE_CHARS`."""
from __future__ import annotations

#: No message the bot sends is longer than this.
MAX_MESSAGE_CHARS = 1200


def split_text(text: str, *, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """Split at paragraph, then line, then sentence boundaries; never mid-word if avoidable."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    parts: list[str] = []
    current = ""
    for piece in _pieces(text, limit):
        joined = f"{current}\n{piece}" if current else piece
        if len(joined) <= limit:
            current = joined
        else:
            if current:
                parts.append(current.strip())
            current = piece
    if current.strip():
        parts.append(current.strip())
    return parts


def _pieces(text: str, limit: int) -> list[str]:
    pieces: list[str] = []
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(". ", 0, limit)
            cut = cut + 1 if cut > 0 else line.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            pieces.append(line[:cut].strip())
            line = line[cut:].strip()
        pieces.append(line)
    return pieces
